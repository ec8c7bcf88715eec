package dev.consentflow.subscription.internal;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
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
        rows.insert(row(request, token));
        return token;
    }

    /** A new link and the list's own wording of the mail that carries it (empty: the built-in text). */
    record Issued(String token, Optional<MailTemplate> wording) {
    }

    /**
     * As {@link #issue(ConfirmationRequest)}, reading the list's own wording of the mail kind that carries the link
     * with the link's insert, in one statement.
     */
    Issued issue(ConfirmationRequest request, UUID listId, MailKind kind) {
        String token = RandomTokens.next();
        return new Issued(token, rows.insertWithWording(row(request, token), listId, kind));
    }

    /**
     * A new request ({@link ConfirmationRows#insert(ConfirmationRequest)}) with its first link, and the list's own
     * wording of the mail kind that carries the link, in one statement.
     */
    Issued issueWithRequest(ConfirmationRequest request, UUID listId, MailKind kind) {
        String token = RandomTokens.next();
        return new Issued(token, rows.insertWithLink(request, row(request, token), listId, kind));
    }

    private ConfirmationToken row(ConfirmationRequest request, String token) {
        return new ConfirmationToken(hash(request.purpose(), token), request.purpose(), request.processInstanceId(),
                Instant.now());
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
