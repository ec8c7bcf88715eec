package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ContactAlreadyErased;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListJoin;
import dev.consentflow.contacts.ListJoins;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.DoubleOptIns;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import dev.consentflow.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 5, {@code POST /api/subscriptions}. The body is checked here for both paths. With
 * {@code "confirmed": true} the integration holds the consent, with its {@code ip} and {@code at}: the
 * subscription is CONFIRMED at once ({@code 201}). Without it the request starts the double opt-in a signup form
 * starts (source API), which answers {@code 202}. A marketer's list add of a known contact,
 * {@code POST /api/lists/{key}/subscriptions}, takes the same checks and ways.
 */
@RestController
class SubscriptionController {

    /** How far in the future a consent's time may lie: clocks of integrations drift a little, not more. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Subscribers subscribers;
    private final DoubleOptIns doubleOptIn;
    private final ListJoins joins;
    private final Contacts contacts;
    private final GroupCommit groups;

    SubscriptionController(Subscribers subscribers, DoubleOptIns doubleOptIn, ListJoins joins,
                           Contacts contacts, GroupCommit groups) {
        this.subscribers = subscribers;
        this.doubleOptIn = doubleOptIn;
        this.joins = joins;
        this.contacts = contacts;
        this.groups = groups;
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
        Subscribers.Checked checked = checked(account, request, confirmed);
        Signup signup = checked.signup();
        if (confirmed) {
            SubscriptionRef ref = subscribers.subscribeConfirmed(account, signup, checked.list());
            return ResponseEntity.status(HttpStatus.CREATED).body(new Subscribed(ref.subscriberId().value(),
                    ref.subscriptionId().value(), ref.list().key(), ref.status()));
        }
        SignupReceipt receipt = startDoubleOptIn(account, signup, checked.list());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(
                receipt.subscriberId() == null ? null : receipt.subscriberId().value(),
                receipt.confirmed() ? SubscriptionStatus.CONFIRMED : SubscriptionStatus.PENDING));
    }

    /** Every rule at once, so the integration learns of all its mistakes in one answer; nothing is written. */
    private Subscribers.Checked checked(AccountId account, SubscriptionRequest request, boolean confirmed) {
        List<FieldProblem> problems = new ArrayList<>();
        ConsentEvidence evidence = evidence(problems, confirmed, request.ip(), request.at(), request.userAgent(),
                request.consentText());
        Signup signup = new Signup(request.email(), request.mobile(), request.channel(), request.list(),
                request.fields(), Source.API, evidence);
        try {
            Subscribers.Checked clean = subscribers.check(account, signup);
            if (problems.isEmpty()) {
                return clean;
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.errors());
        }
        throw new InvalidInputException(problems);
    }

    /**
     * The request's evidence, its problems added to the list: with {@code confirmed} the consent's {@code ip} and
     * {@code at} are required and {@code at} may not lie in the future; without it the request's time is now.
     */
    private static ConsentEvidence evidence(List<FieldProblem> problems, boolean confirmed, String ip, Instant at,
                                            String userAgent, String consentText) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (confirmed) {
            if (ip == null) {
                problems.add(new FieldProblem("ip", "is required with confirmed: the IP the consent came from"));
            }
            if (at == null) {
                problems.add(new FieldProblem("at", "is required with confirmed: when the consent was given"));
            } else if (at.isAfter(now.plus(CLOCK_SKEW))) {
                problems.add(new FieldProblem("at", "lies in the future"));
            }
        }
        if (ip != null && !IpLiteral.isValid(ip)) {
            problems.add(new FieldProblem("ip", "must be an IPv4 or IPv6 address"));
        }
        if (userAgent != null && hasControl(userAgent, false)) {
            problems.add(new FieldProblem("userAgent", "must not contain control characters or line breaks"));
        }
        if (consentText != null && hasControl(consentText, true)) {
            problems.add(new FieldProblem("consentText", "must not contain control characters"));
        }
        Instant when = confirmed && at != null ? at.truncatedTo(ChronoUnit.MICROS) : now;
        return new ConsentEvidence(when, ip, userAgent, null, null, consentText);
    }

    record ListAddRequest(UUID subscriberId, Boolean confirmed, String ip, Instant at, String userAgent,
                          String consentText) {
    }

    /**
     * {@code POST /api/lists/{key}/subscriptions}: a marketer puts a known contact onto a list. With
     * {@code "confirmed": true} and the consent's evidence it is CONFIRMED at once ({@code 201}); without, the
     * person gets a double opt-in ({@code 202}). Already on the list: {@code 200}, nothing changed. An erased
     * person: {@code 409}. Each answer carries the card.
     */
    @PostMapping("/api/lists/{key}/subscriptions")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ResponseEntity<?> addToList(@PathVariable String key, @RequestBody ListAddRequest request,
                                @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        boolean confirmed = Boolean.TRUE.equals(request.confirmed());
        List<FieldProblem> problems = new ArrayList<>();
        if (request.subscriberId() == null) {
            problems.add(new FieldProblem("subscriberId", "is required: the contact to add"));
        }
        ConsentEvidence evidence = evidence(problems, confirmed, request.ip(), request.at(), request.userAgent(),
                request.consentText());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        SubscriberId subscriber = new SubscriberId(request.subscriberId());
        ListJoin join = joins.joinList(account, subscriber, key, evidence, confirmed);
        HttpStatus status;
        if (join instanceof ListJoin.Erased) {
            throw new ContactAlreadyErased("This contact was erased; it can come back only through a confirmed "
                    + "opt-in of the person (POST /api/contacts/{id}/resubscribe)");
        } else if (join instanceof ListJoin.AlreadyOn) {
            status = HttpStatus.OK;
        } else if (confirmed) {
            subscribers.subscribeConfirmed(account, ((ListJoin.Needed) join).signup());
            status = HttpStatus.CREATED;
        } else {
            startDoubleOptIn(account, ((ListJoin.Needed) join).signup(), null);
            status = HttpStatus.ACCEPTED;
        }
        return ResponseEntity.status(status).body(contacts.card(caller, subscriber));
    }

    /**
     * The double opt-in a signup form starts, with the list as this request read it (null: registering reads it),
     * in a transaction of its own or of a group with the form posts, clicks and API signups arriving meanwhile
     * ({@link GroupCommit}: run with this request's caller, answered as if alone, retried as a form's post is).
     */
    private SignupReceipt startDoubleOptIn(AccountId account, Signup signup, ListInfo listAsRead) {
        return groups.run(() -> doubleOptIn.signUp(account, signup, listAsRead));
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
