package dev.consentflow.subscription.internal;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.Resubscription;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.ClientAddress;
import dev.consentflow.web.InvalidInputException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5, the Resubscribe action on an erased card: {@code POST /api/contacts/{id}/resubscribe}
 * {@code {"list": "news", "email": "anna@example.dk"}} ({@code "mobile"} too when the erased permission was by
 * SMS; an optional {@code "ip"} the person asked from) answers {@code 202} and starts {@code resubscribe}. The
 * tombstone keeps no address, so the body carries it in full, and it must be the tombstone's (its blind index
 * matches) and the tombstone the newest card of it: otherwise {@code 409}. {@code 404} for an unknown id.
 */
@RestController
class ResubscriptionController {

    private final ResubscriptionDesk desk;
    private final TransactionRetry retry;

    ResubscriptionController(ResubscriptionDesk desk, TransactionRetry retry) {
        this.desk = desk;
        this.retry = retry;
    }

    record ResubscribeRequest(String list, String email, String mobile, String ip) {
    }

    record Accepted(UUID requestId, UUID tombstoneId, String list, Channel channel, String status) {
    }

    @PostMapping("/api/contacts/{id}/resubscribe")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted resubscribe(@PathVariable UUID id, @RequestBody ResubscribeRequest body,
                         @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        if (body.ip() != null && !ClientAddress.isLiteral(body.ip())) {
            throw new InvalidInputException("ip", "must be an IPv4 or IPv6 address");
        }
        Resubscription request = new Resubscription(new SubscriberId(id), body.email(), body.mobile(), null,
                body.list(), new ConsentEvidence(Instant.now().truncatedTo(ChronoUnit.MICROS), body.ip(), null, null,
                null, null));
        ResubscriptionDesk.Accepted accepted = retry.run(() -> desk.request(account, request, UUID.randomUUID()));
        return new Accepted(accepted.requestId(), accepted.tombstoneId().value(), accepted.listKey(),
                accepted.channel(), "PENDING");
    }
}
