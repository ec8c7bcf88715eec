package dev.consentflow.subscription.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Confirmation links of every purpose: 256 random bits in the link, an HMAC of the purpose's label and the token
 * in the database. The label is part of what is hashed and the stored link names its purpose, so a signup's
 * link never opens a resubscription nor the other way round; the HMAC key comes from the master key, so a stolen
 * table alone cannot be used to test guesses.
 */
@Component
class ConfirmationTokens {

    private static final String KEY_PURPOSE = "subscription.confirmation-token";

    private final KeyRing keys;
    private final ConfirmationRows rows;
    private final ConfirmationTokenRepository tokens;

    ConfirmationTokens(KeyRing keys, ConfirmationRows rows, ConfirmationTokenRepository tokens) {
        this.keys = keys;
        this.rows = rows;
        this.tokens = tokens;
    }

    /** A new link to the request; the answer is the only place the token itself ever exists. */
    String issue(ConfirmationRequest request) {
        String token = RandomTokens.next();
        rows.insert(new ConfirmationToken(hash(request.purpose(), token), request.purpose(),
                request.processInstanceId(), Instant.now()));
        return token;
    }

    /** The stored link, if the text is one of ours; malformed text is not even looked up. */
    Optional<ConfirmationToken> find(String token) {
        if (!isWellFormed(token)) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(ConfirmationPurpose.SIGNUP, token),
                        hash(ConfirmationPurpose.RESUBSCRIPTION, token))
                .filter(found -> Arrays.equals(found.tokenHash(), hash(found.purpose(), token)));
    }

    /** The stored form of a token: the HMAC of {@code label:token}. */
    byte[] hash(ConfirmationPurpose purpose, String token) {
        return Sealing.hmac(keys.derive(KEY_PURPOSE, keys.currentVersion()),
                (purpose.tokenLabel + ":" + token).getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isWellFormed(String token) {
        return RandomTokens.isWellFormed(token);
    }
}
