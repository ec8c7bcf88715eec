package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.contacts.Unsubscribe;
import dev.consentflow.contacts.UnsubscribeChannel;
import dev.consentflow.contacts.UnsubscribeScope;
import dev.consentflow.contacts.Unsubscribed;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/complaints}: a spam complaint, as a feedback-loop processor forwards it, unsubscribes the person
 * from that list through the {@code unsubscribe} process (channel COMPLAINT). The report names the subscription by
 * the {@code List-Unsubscribe} header of the reported mail ({@code {"listUnsubscribe": "<https://…/u/…>"}}), or by
 * card and list ({@code {"subscriberId": "…", "list": "news"}}). Answers {@code 200} with what changed.
 */
@RestController
class ComplaintController {

    private static final Pattern LINK_TOKEN = Pattern.compile("/u/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])");

    private final UnsubscribeTokens tokens;
    private final Subscriptions contacts;
    private final UnsubscribeDesk process;

    ComplaintController(UnsubscribeTokens tokens, Subscriptions contacts,
                        UnsubscribeDesk process) {
        this.tokens = tokens;
        this.contacts = contacts;
        this.process = process;
    }

    record Complaint(String listUnsubscribe, UUID subscriberId, String list) {
    }

    record Answer(UUID subscriberId, List<String> unsubscribed, Permission permission) {
    }

    @PostMapping("/api/complaints")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    Answer complain(@RequestBody Complaint complaint, @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        SubscriptionId subscription = complaint.listUnsubscribe() != null ? byLink(account, complaint)
                : byCard(account, complaint);
        Unsubscribed outcome = process.unsubscribe(account, new Unsubscribe(subscription, UnsubscribeScope.LIST,
                UnsubscribeChannel.COMPLAINT, Instant.now(), null, null));
        return new Answer(outcome.subscriberId().value(), outcome.lists().stream().map(ListInfo::key).toList(),
                outcome.permission());
    }

    private SubscriptionId byLink(AccountId account, Complaint complaint) {
        if (complaint.subscriberId() != null || complaint.list() != null) {
            throw new InvalidInputException("listUnsubscribe", "give either listUnsubscribe or subscriberId and list");
        }
        Matcher token = LINK_TOKEN.matcher(complaint.listUnsubscribe());
        if (!token.find()) {
            throw new InvalidInputException("listUnsubscribe", "holds no unsubscribe link of this server");
        }
        return tokens.find(token.group(1))
                .filter(target -> target.account().equals(account))
                .map(UnsubscribeTokens.Target::subscription)
                .orElseThrow(() -> new NotFoundException("Subscription"));
    }

    private SubscriptionId byCard(AccountId account, Complaint complaint) {
        if (complaint.subscriberId() == null || complaint.list() == null || complaint.list().isBlank()) {
            throw new InvalidInputException("subscriberId", "give either listUnsubscribe or subscriberId and list");
        }
        return contacts.subscription(account, new SubscriberId(complaint.subscriberId()), complaint.list())
                .map(SubscriptionRef::subscriptionId)
                .orElseThrow(() -> new NotFoundException("Subscription"));
    }
}
