package dev.consentflow.subscription.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/**
 * Confirmation tokens: 256 random bits in the link, an HMAC of purpose and token in the database. The purpose
 * is part of what is hashed, so a token made for another purpose (a resubscription's, in
 * {@link ResubscribeTokens}, or a future unsubscribe link) never matches here; the HMAC key comes from the master
 * key, so a stolen table alone cannot be used to test guesses.
 */
@Component
class ConfirmationTokens {

    static final String PURPOSE = "CONFIRMATION";
    private static final String KEY_PURPOSE = "subscription.confirmation-token";

    private final KeyRing keys;
    private final JdbcAggregateTemplate aggregates;
    private final ConfirmationTokenRepository tokens;

    ConfirmationTokens(KeyRing keys, JdbcAggregateTemplate aggregates, ConfirmationTokenRepository tokens) {
        this.keys = keys;
        this.aggregates = aggregates;
        this.tokens = tokens;
    }

    /** A new token for the instance; the answer is the only place the token itself ever exists. */
    String issue(String processInstanceId) {
        String token = newToken();
        aggregates.insert(new ConfirmationToken(hash(token), PURPOSE, processInstanceId, Instant.now()));
        return token;
    }

    /** The stored token, if the text is one of ours; malformed text is not even looked up. */
    Optional<ConfirmationToken> find(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(token)).filter(t -> PURPOSE.equals(t.purpose()));
    }

    void forget(String processInstanceId) {
        tokens.deleteByProcessInstance(processInstanceId);
    }

    byte[] hash(String token) {
        return hash(PURPOSE, token);
    }

    /** The stored form of a token of any purpose: the HMAC of {@code purpose:token}. */
    byte[] hash(String purpose, String token) {
        return Sealing.hmac(keys.derive(KEY_PURPOSE, keys.currentVersion()),
                (purpose + ":" + token).getBytes(StandardCharsets.US_ASCII));
    }

    /** 256 random bits, URL-safe: the token as it goes into a link. */
    static String newToken() {
        return RandomTokens.next();
    }

    static boolean isWellFormed(String token) {
        return RandomTokens.isWellFormed(token);
    }
}
