package dev.consentflow.subscription.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/**
 * The links of a resubscription's confirmation: {@link ConfirmationTokens}' mechanism (256 random bits, only an
 * HMAC stored) with the purpose {@value #PURPOSE}, in a table of their own that is bound to the resubscribe
 * instance and goes with it. A double opt-in's token never opens a resubscription, nor the other way round.
 */
@Component
class ResubscribeTokens {

    static final String PURPOSE = "RESUBSCRIPTION";

    private final ConfirmationTokens tokens;
    private final JdbcAggregateTemplate aggregates;
    private final ResubscribeTokenRepository stored;

    ResubscribeTokens(ConfirmationTokens tokens, JdbcAggregateTemplate aggregates, ResubscribeTokenRepository stored) {
        this.tokens = tokens;
        this.aggregates = aggregates;
        this.stored = stored;
    }

    /** A new token for the instance; the answer is the only place the token itself ever exists. */
    String issue(String processInstanceId) {
        String token = ConfirmationTokens.newToken();
        aggregates.insert(new ResubscribeToken(tokens.hash(PURPOSE, token), processInstanceId, Instant.now()));
        return token;
    }

    /** The instance a token confirms, if the text is one of these tokens; malformed text is not looked up. */
    Optional<String> find(String token) {
        if (!ConfirmationTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        return stored.findByHash(tokens.hash(PURPOSE, token)).map(ResubscribeToken::processInstanceId);
    }
}
