package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactManagement;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.SubscriptionManagement;
import dev.consentflow.web.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/subscriptions} (API.md section 5), for integrations. Without {@code "confirmed": true} it
 * starts the same double opt-in as a form ({@code 202}, source API); with it, the integration vouches for the
 * consent it holds and the subscription is CONFIRMED at once ({@code 201}; {@code 409} for an erased address).
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class SubscriptionController {

    private final ObjectProvider<ContactManagement> contacts;
    private final SubscriptionManagement subscriptions;
    private final TransactionRetry retry;

    SubscriptionController(ObjectProvider<ContactManagement> contacts, SubscriptionManagement subscriptions,
                           TransactionRetry retry) {
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.retry = retry;
    }

    record SubscriptionRequest(String email, String mobile, String list, Map<String, String> fields,
                               Boolean confirmed, String ip, Instant at, String consentText) {
    }

    record SubscriptionAnswer(SubscriberId subscriberId, String status) {
    }

    @PostMapping("/api/subscriptions")
    ResponseEntity<SubscriptionAnswer> subscribe(@RequestBody SubscriptionRequest request,
                                                 @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        ApiSignup parsed = ApiSignup.parse(request.email(), request.mobile(), request.list(), request.fields(),
                request.ip(), request.consentText());
        if (contacts.getObject().findList(account, parsed.listKey()).isEmpty()) {
            throw new InvalidInputException("list", "is not a list of this account");
        }
        Instant at = request.at() == null ? Instant.now() : request.at();
        ConsentEvidence evidence = new ConsentEvidence(at, parsed.ip(), null, null, null, parsed.consentText());
        Signup signup = new Signup(parsed.email(), parsed.mobile(), parsed.channel(), parsed.listKey(),
                parsed.fields(), Source.API, evidence);
        if (Boolean.TRUE.equals(request.confirmed())) {
            var subscription = contacts.getObject().subscribeConfirmed(account, signup);
            SubscriberId subscriber = contacts.getObject().subscription(account, subscription)
                    .map(ContactManagement.SubscriptionRef::subscriberId).orElse(null);
            return ResponseEntity.status(HttpStatus.CREATED).body(new SubscriptionAnswer(subscriber, "CONFIRMED"));
        }
        SignupReceipt receipt = retry.run(() -> subscriptions.signUp(account, signup));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SubscriptionAnswer(receipt.subscriberId(),
                receipt.confirmed() ? "CONFIRMED" : "PENDING"));
    }
}
