package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactManagement.SubscriptionRef;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.UnconfirmedSubscriptions;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import dev.consentflow.web.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5, {@code POST /api/subscriptions}. The body is checked here for both paths. With
 * {@code "confirmed": true} the integration holds the consent, with its {@code ip} and {@code at}: the
 * subscription is CONFIRMED at once ({@code 201}). Without it the request goes to the double opt-in
 * ({@link UnconfirmedSubscriptions}, provided by the subscription module), which answers {@code 202}.
 */
@RestController
class SubscriptionController {

    /** How far in the future a consent's time may lie: clocks of integrations drift a little, not more. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Signups signups;
    private final ObjectProvider<UnconfirmedSubscriptions> doubleOptIn;

    SubscriptionController(Signups signups, ObjectProvider<UnconfirmedSubscriptions> doubleOptIn) {
        this.signups = signups;
        this.doubleOptIn = doubleOptIn;
    }

    record SubscriptionRequest(String email, String mobile, String list, Map<String, String> fields,
                               Boolean confirmed, String ip, Instant at, String userAgent, String consentText,
                               Channel channel) {
    }

    record Subscribed(UUID subscriberId, UUID subscriptionId, String list, SubscriptionStatus status) {
    }

    record Accepted(UUID subscriberId, SubscriptionStatus status) {
    }

    @PostMapping("/api/subscriptions")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    ResponseEntity<?> subscribe(@RequestBody SubscriptionRequest request, @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        boolean confirmed = Boolean.TRUE.equals(request.confirmed());
        Signup signup = checked(account, request, confirmed);
        if (confirmed) {
            SubscriptionRef ref = signups.subscribeConfirmedRef(account, signup);
            return ResponseEntity.status(HttpStatus.CREATED).body(new Subscribed(ref.subscriberId().value(),
                    ref.subscriptionId().value(), ref.list().key(), ref.status()));
        }
        UnconfirmedSubscriptions handler = doubleOptIn.getIfAvailable();
        if (handler == null) {
            return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.NOT_IMPLEMENTED,
                            "Double opt-in through the API is not available on this server yet"));
        }
        UnconfirmedSubscriptions.Accepted accepted = handler.start(account, signup);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(
                accepted.subscriberId() == null ? null : accepted.subscriberId().value(), accepted.status()));
    }

    /** Every rule at once, so the integration learns of all its mistakes in one answer; nothing is written. */
    private Signup checked(AccountId account, SubscriptionRequest request, boolean confirmed) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant now = Cards.now();
        if (confirmed) {
            if (request.ip() == null) {
                problems.add(new FieldProblem("ip", "is required with confirmed: the IP the consent came from"));
            }
            if (request.at() == null) {
                problems.add(new FieldProblem("at", "is required with confirmed: when the consent was given"));
            } else if (request.at().isAfter(now.plus(CLOCK_SKEW))) {
                problems.add(new FieldProblem("at", "lies in the future"));
            }
        }
        if (request.ip() != null && !IpLiteral.isValid(request.ip())) {
            problems.add(new FieldProblem("ip", "must be an IPv4 or IPv6 address"));
        }
        if (request.userAgent() != null && hasControl(request.userAgent(), false)) {
            problems.add(new FieldProblem("userAgent", "must not contain control characters or line breaks"));
        }
        if (request.consentText() != null && hasControl(request.consentText(), true)) {
            problems.add(new FieldProblem("consentText", "must not contain control characters"));
        }
        Instant at = confirmed && request.at() != null ? request.at().truncatedTo(ChronoUnit.MICROS)
                : now;
        Signup signup = new Signup(request.email(), request.mobile(), request.channel(), request.list(),
                request.fields(), Source.API,
                new ConsentEvidence(at, request.ip(), request.userAgent(), null, null, request.consentText()));
        try {
            Signup clean = signups.check(account, signup);
            if (problems.isEmpty()) {
                return clean;
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.errors());
        }
        throw new InvalidInputException(problems);
    }

    private static boolean hasControl(String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') && !(lineBreaksAllowed && lineBreak)) {
                return true;
            }
        }
        return false;
    }
}
