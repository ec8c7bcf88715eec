package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscriptions;
import dev.consentflow.web.ClientAddress;
import dev.consentflow.web.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5, {@code POST /api/contacts/{id}/unsubscribe} {@code {"list": "news"}}: runs the {@code unsubscribe}
 * process (through {@link UnsubscribeDesk}, as the links and complaints do) and answers the card once the change
 * is committed. Optional: {@code "scope": "BRAND"} for every list of the list's brand, and {@code "ip"}, the
 * person's IP as the integration saw it (else the request's own is recorded).
 */
@RestController
class ContactUnsubscribeController {

    private final Unsubscriptions unsubscriptions;
    private final Contacts contacts;
    private final UnsubscribeDesk process;
    private final ClientAddress clientAddress;

    ContactUnsubscribeController(Unsubscriptions unsubscriptions, Contacts contacts, UnsubscribeDesk process,
                                 ClientAddress clientAddress) {
        this.unsubscriptions = unsubscriptions;
        this.contacts = contacts;
        this.process = process;
        this.clientAddress = clientAddress;
    }

    record UnsubscribeRequest(String list, UnsubscribeScope scope, String ip) {
    }

    @PostMapping("/api/contacts/{id}/unsubscribe")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    ResponseEntity<?> unsubscribe(@PathVariable UUID id, @RequestBody UnsubscribeRequest body,
                                  @AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        AccountId account = caller.requireAccount();
        if (body.list() == null || body.list().isBlank()) {
            throw new InvalidInputException("list", "is required: the key of the list to unsubscribe from");
        }
        if (body.ip() != null && !IpLiteral.isValid(body.ip())) {
            throw new InvalidInputException("ip", "must be an IPv4 or IPv6 address");
        }
        SubscriberId subscriber = new SubscriberId(id);
        SubscriptionId target = unsubscriptions.subscriptionOf(account, subscriber, body.list());
        process.unsubscribe(account, new Unsubscribe(target, body.scope() == null ? UnsubscribeScope.LIST : body.scope(),
                UnsubscribeChannel.API, Instant.now().truncatedTo(ChronoUnit.MICROS), body.ip() == null ? clientAddress.of(request) : body.ip(), null));
        return ResponseEntity.ok(contacts.card(caller, subscriber));
    }
}
