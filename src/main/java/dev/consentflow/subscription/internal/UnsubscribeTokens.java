package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribe tokens, one per subscription, so that every mail of a list carries the same link and the token table
 * grows with the subscriptions, not with the mails. In the database a token is an HMAC of purpose and token under a
 * platform key (the lookup: the link carries no account) and the token sealed with AES-GCM under an account key,
 * bound to its subscription (so the next mail can carry it again). Both keys come from the master key: a stolen
 * table alone yields no working link and cannot test guesses. The purpose is part of what is hashed, so a
 * confirmation token never matches here, nor an unsubscribe token there.
 */
@Component
class UnsubscribeTokens {

    static final String PURPOSE = "UNSUBSCRIBE";
    private static final String HASH_KEY = "subscription.unsubscribe-token";
    private static final String SEAL_KEY = "subscription.unsubscribe-token-seal";

    private static final RowMapper<UnsubscribeTokenRepository.HandedOverAndInserted> HANDED_OVER_AND_INSERTED =
            new UnsubscribeTokenRepository.HandedOverAndInserted.Rows();

    private final KeyRing keys;
    private final UnsubscribeTokenRepository tokens;
    private final JdbcClient jdbc;

    UnsubscribeTokens(KeyRing keys, UnsubscribeTokenRepository tokens, JdbcClient jdbc) {
        this.keys = keys;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    /** Where a link leads: the account and the subscription. */
    record Target(AccountId account, SubscriptionId subscription) {
    }

    /** The subscription's token: the one it has, or a new one (of two parallel first calls, one token wins). */
    @Transactional
    String tokenOf(AccountId account, SubscriptionId subscription) {
        Optional<UnsubscribeToken> stored = tokens.findBySubscriptionId(subscription.value());
        if (stored.isPresent()) {
            return open(account, stored.get());
        }
        return made(account, subscription);
    }

    /** A first mail's token, and the list's own wording of that mail (empty: the built-in text). */
    record FirstToken(String token, Optional<MailTemplate> wording) {
    }

    /**
     * As {@link #tokenOf}, for a subscription that has no token yet as a rule (the welcome of one just confirmed):
     * the insert first, so the read is only needed when one was there after all; the list's own wording of the
     * mail that carries it (a welcome's) is read in the insert's statement.
     */
    @Transactional
    FirstToken tokenOfNew(AccountId account, SubscriptionId subscription, UUID listId, MailKind kind) {
        return tokenOfNew(account, subscription, listId, kind, null);
    }

    /**
     * As above; the insert's statement also makes {@code handOver}'s write of a clicked confirmation request when it
     * is not null (checked: one row), one round trip for both.
     */
    @Transactional
    FirstToken tokenOfNew(AccountId account, SubscriptionId subscription, UUID listId, MailKind kind,
                          ClickHandOver.HandOver handOver) {
        String token = RandomTokens.next();
        UnsubscribeToken made = made(account, subscription, token);
        UnsubscribeTokenRepository.InsertedWithWording inserted;
        if (handOver == null) {
            inserted = tokens.insertIfAbsentWithWording(made.subscriptionId(), made.accountId(), made.tokenHash(),
                    made.tokenSealed(), made.keyVersion(), listId, kind.code());
        } else {
            var both = jdbc.sql(UnsubscribeTokenRepository.HAND_OVER_AND_INSERT_IF_ABSENT_WITH_WORDING)
                    .param("processInstanceId", handOver.processInstanceId())
                    .param("at", Timestamp.from(handOver.at()))
                    .param("subscriberId", handOver.subscriberId())
                    .param("subscriptionId", made.subscriptionId())
                    .param("accountId", made.accountId())
                    .param("tokenHash", made.tokenHash())
                    .param("tokenSealed", made.tokenSealed())
                    .param("keyVersion", made.keyVersion())
                    .param("listId", listId)
                    .param("kind", kind.code())
                    .query(HANDED_OVER_AND_INSERTED).single();
            handOver.checked(both.handed());
            inserted = both.inserted();
        }
        return new FirstToken(inserted.made() == 1 ? token : storedBefore(account, subscription),
                Optional.ofNullable(inserted.wording()));
    }

    /** A new token stored, or the one a first call of another transaction (or an older mail) stored before. */
    private String made(AccountId account, SubscriptionId subscription) {
        String token = RandomTokens.next();
        UnsubscribeToken made = made(account, subscription, token);
        if (tokens.insertIfAbsent(made.subscriptionId(), made.accountId(), made.tokenHash(), made.tokenSealed(),
                made.keyVersion()) == 1) {
            return token;
        }
        return storedBefore(account, subscription);
    }

    private String storedBefore(AccountId account, SubscriptionId subscription) {
        return open(account, tokens.findBySubscriptionId(subscription.value()).orElseThrow());
    }

    /** A new token's row, hashed and sealed, not stored yet. */
    UnsubscribeToken made(AccountId account, SubscriptionId subscription, String token) {
        int version = keys.currentVersion();
        byte[] sealed = Sealing.seal(keys.derive(SEAL_KEY, account, version), token.getBytes(StandardCharsets.US_ASCII),
                bound(subscription.value()));
        return new UnsubscribeToken(subscription.value(), account.value(), hash(token, version), sealed, version, null);
    }

    /** The target of a link, if the text is one of our tokens; malformed text is not even looked up. */
    @Transactional(readOnly = true)
    Optional<Target> find(String token) {
        if (!RandomTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        // Tokens never expire, so one made under an older key version must still be found.
        for (int version = keys.currentVersion(); version >= 1; version--) {
            int madeUnder = version;
            Optional<UnsubscribeToken> found = tokens.findByHash(hash(token, version))
                    .filter(t -> t.keyVersion() == madeUnder);
            if (found.isPresent()) {
                return found.map(t -> new Target(new AccountId(t.accountId()), new SubscriptionId(t.subscriptionId())));
            }
        }
        return Optional.empty();
    }

    byte[] hash(String token, int version) {
        return Sealing.hmac(keys.derive(HASH_KEY, version), (PURPOSE + ":" + token).getBytes(StandardCharsets.US_ASCII));
    }

    /** The token a stored row holds. */
    String open(AccountId account, UnsubscribeToken stored) {
        if (!stored.accountId().equals(account.value())) {
            throw new IllegalArgumentException("subscription " + stored.subscriptionId() + " is not of account " + account);
        }
        return new String(Sealing.open(keys.derive(SEAL_KEY, account, stored.keyVersion()), stored.tokenSealed(),
                bound(stored.subscriptionId())), StandardCharsets.US_ASCII);
    }

    private static byte[] bound(UUID subscription) {
        return ByteBuffer.allocate(16).putLong(subscription.getMostSignificantBits())
                .putLong(subscription.getLeastSignificantBits()).array();
    }
}
