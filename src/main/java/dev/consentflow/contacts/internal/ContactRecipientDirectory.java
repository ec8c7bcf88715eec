package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.dispatch.RecipientDirectory.Lookup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells dispatch, just before each send, where a message goes, or that it must be suppressed: the person is
 * unknown in the account or erased; the subscription is not the person's, is on another channel than the
 * message, or is not in the state the purpose needs (CONFIRMED for list mail, PENDING for a confirmation or
 * its reminder: so UNSUBSCRIBED and BOUNCED suppress everything). A resubscription's confirmation has no
 * subscription yet: it names the tombstone and the pending resubscription, and goes to the address kept sealed
 * with that request while it is pending (once confirmed or expired, it is suppressed).
 *
 * <p>A fallback bean: it is the directory of every running server, but a context that defines a directory of
 * its own (dispatch's tests import a scripted stand-in) gets that one, not an ambiguity.
 */
@Component
@Fallback
class ContactRecipientDirectory implements RecipientDirectory {

    /**
     * The subscription and its card's sealed addresses in one statement: this runs before every single send, and
     * the card's custom fields (a query of their own when the card is read as an aggregate) are not needed.
     */
    private static final String SUBSCRIPTION_AND_CARD = """
            select s.contact_id, s.channel, s.status,
                   c.key_version, c.wrapped_key, c.email_sealed, c.mobile_sealed, c.erased_at
              from contacts_subscription s
              left join contacts_contact c on c.id = s.contact_id and c.account_id = s.account_id
             where s.id = :subscriptionId and s.account_id = :accountId""";
    /** The same for many subscriptions (the rows a dispatch node just claimed). */
    private static final String SUBSCRIPTIONS_AND_CARDS = """
            select s.id, s.contact_id, s.channel, s.status,
                   c.key_version, c.wrapped_key, c.email_sealed, c.mobile_sealed, c.erased_at
              from contacts_subscription s
              left join contacts_contact c on c.id = s.contact_id and c.account_id = s.account_id
             where s.id in (:subscriptionIds) and s.account_id = :accountId""";

    private final JdbcClient jdbc;
    private final CardKeys keys;
    private final SubscriptionLifecycle lifecycle;
    private final SealedResubscriptions resubscriptions;

    ContactRecipientDirectory(JdbcClient jdbc, CardKeys keys, SubscriptionLifecycle lifecycle,
                              SealedResubscriptions resubscriptions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.resubscriptions = resubscriptions;
    }

    /** A subscription with what its card needs to open an address (no card: the columns of the card are null). */
    private record Target(UUID contactId, Channel channel, SubscriptionStatus status, int keyVersion,
                          byte[] wrappedKey, byte[] emailSealed, byte[] mobileSealed, boolean cardLive) {
    }

    @Override
    public Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                                       Purpose purpose) {
        if (subscriberId == null || subscriptionId == null || channel == null || purpose == null) {
            return Optional.empty();
        }
        Optional<Target> subscription = jdbc.sql(SUBSCRIPTION_AND_CARD)
                .param("subscriptionId", subscriptionId).param("accountId", account.value())
                .query((rs, n) -> target(rs)).optional();
        return answer(account, new Lookup(subscriberId, subscriptionId, channel, purpose), subscription);
    }

    /** As {@link #resolve}, the subscriptions and cards of all lookups in one statement. */
    @Override
    public Map<Lookup, Optional<Recipient>> resolveAll(AccountId account, Collection<Lookup> lookups) {
        List<UUID> ids = lookups.stream().map(Lookup::subscriptionId).filter(Objects::nonNull).distinct().toList();
        Map<UUID, Target> targets = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql(SUBSCRIPTIONS_AND_CARDS).param("subscriptionIds", ids).param("accountId", account.value())
                    .query(rs -> {
                        targets.put(rs.getObject("id", UUID.class), target(rs));
                    });
        }
        Map<Lookup, Optional<Recipient>> answers = new HashMap<>();
        for (Lookup lookup : lookups) {
            boolean complete = lookup.subscriberId() != null && lookup.subscriptionId() != null
                    && lookup.channel() != null && lookup.purpose() != null;
            answers.put(lookup, complete ? answer(account, lookup,
                    Optional.ofNullable(targets.get(lookup.subscriptionId()))) : Optional.empty());
        }
        return answers;
    }

    private static Target target(ResultSet rs) throws SQLException {
        return new Target(rs.getObject("contact_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), SubscriptionStatus.valueOf(rs.getString("status")),
                rs.getInt("key_version"), rs.getBytes("wrapped_key"), rs.getBytes("email_sealed"),
                rs.getBytes("mobile_sealed"),
                rs.getObject("key_version") != null && rs.getObject("erased_at") == null);
    }

    private Optional<Recipient> answer(AccountId account, Lookup lookup, Optional<Target> subscription) {
        Channel channel = lookup.channel();
        SubscriptionStatus needed = lookup.purpose().isListMail() ? SubscriptionStatus.CONFIRMED
                : SubscriptionStatus.PENDING;
        if (subscription.isEmpty() && lookup.purpose() == Purpose.CONFIRMATION) {
            return resubscriptionConfirmation(account, lookup.subscriberId(), lookup.subscriptionId(), channel);
        }
        return subscription
                .filter(s -> s.contactId().equals(lookup.subscriberId()))
                .filter(s -> s.channel() == channel)
                .filter(s -> s.status() == needed)
                .filter(Target::cardLive)
                .map(s -> {
                    CardCipher cipher = new CardCipher(s.contactId(),
                            keys.unwrap(account, s.contactId(), s.keyVersion(), s.wrappedKey()));
                    return channel == Channel.EMAIL ? cipher.open(CardCipher.emailPlace(), s.emailSealed())
                            : cipher.open(CardCipher.mobilePlace(), s.mobileSealed());
                })
                .map(Recipient::new);
    }

    private Optional<Recipient> resubscriptionConfirmation(AccountId account, UUID tombstoneId, UUID resubscriptionId,
                                                           Channel channel) {
        return resubscriptions.find(account, resubscriptionId)
                .filter(pending -> pending.row().tombstoneId().equals(tombstoneId))
                .filter(pending -> pending.row().channel() == channel)
                .map(pending -> channel == Channel.EMAIL ? pending.payload().email() : pending.payload().mobile())
                .map(Recipient::new);
    }

    @Override
    public void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        lifecycle.bounced(account, subscriberId, subscriptionId, diagnostic);
    }
}
