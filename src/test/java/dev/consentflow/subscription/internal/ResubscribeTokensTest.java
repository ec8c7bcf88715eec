package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;

class ResubscribeTokensTest {

    private final JdbcAggregateTemplate aggregates = mock(JdbcAggregateTemplate.class);
    private final ConfirmationTokens confirmationTokens = new ConfirmationTokens(new TestKeyRing(), aggregates,
            mock(ConfirmationTokenRepository.class));
    private final ResubscribeTokenRepository repository = mock(ResubscribeTokenRepository.class);
    private final ResubscribeTokens tokens = new ResubscribeTokens(confirmationTokens, aggregates, repository);

    @Test
    void aResubscribeTokenIsAConfirmationTokenOfItsOwnPurpose() {
        ArgumentCaptor<ResubscribeToken> stored = ArgumentCaptor.forClass(ResubscribeToken.class);
        String token = tokens.issue("instance-1");

        verify(aggregates).insert(stored.capture());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(ConfirmationTokens.isWellFormed(token)).isTrue();
        assertThat(stored.getValue().processInstanceId()).isEqualTo("instance-1");
        assertThat(stored.getValue().tokenHash()).isEqualTo(confirmationTokens.hash("RESUBSCRIPTION", token))
                .as("a double opt-in link's hash never matches it").isNotEqualTo(confirmationTokens.hash(token));
    }

    @Test
    void aTokenIsFoundByItsPurposeBoundHashAndMalformedOnesAreNotLookedUp() {
        String token = tokens.issue("instance");
        when(repository.findByHash(any())).thenAnswer(call -> java.util.Arrays.equals(call.getArgument(0),
                confirmationTokens.hash("RESUBSCRIPTION", token))
                ? Optional.of(new ResubscribeToken(call.getArgument(0), "instance", Instant.now()))
                : Optional.empty());
        assertThat(tokens.find(token)).contains("instance");
        assertThat(tokens.find(token.substring(1) + "A")).isEmpty();
    }

    @Test
    void malformedTokensAreNotEvenLookedUp() {
        assertThat(tokens.find("short")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "\n")).isEmpty();
        verifyNoInteractions(repository);
    }
}
