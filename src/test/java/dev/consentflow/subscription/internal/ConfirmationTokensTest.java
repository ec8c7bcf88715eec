package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;

class ConfirmationTokensTest {

    private final KeyRing keys = new TestKeyRing();
    private final JdbcAggregateTemplate aggregates = mock(JdbcAggregateTemplate.class);
    private final ConfirmationTokenRepository repository = mock(ConfirmationTokenRepository.class);
    private final ConfirmationTokens tokens = new ConfirmationTokens(keys, aggregates, repository);

    @Test
    void aTokenCarries256RandomBitsAndOnlyItsHashIsStored() {
        ArgumentCaptor<ConfirmationToken> stored = ArgumentCaptor.forClass(ConfirmationToken.class);
        String token = tokens.issue("instance-1");

        verify(aggregates).insert(stored.capture());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(stored.getValue().tokenHash()).isEqualTo(tokens.hash(token))
                .isNotEqualTo(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(stored.getValue().tokenHash(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(stored.getValue().processInstanceId()).isEqualTo("instance-1");
        assertThat(stored.getValue().purpose()).isEqualTo("CONFIRMATION");
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            issued.add(tokens.issue("instance"));
        }
        assertThat(issued).hasSize(1000);
    }

    @Test
    void theHashIsBoundToThePurpose() {
        String token = tokens.issue("instance");
        byte[] withoutPurpose = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                token.getBytes(StandardCharsets.US_ASCII));
        byte[] otherPurpose = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                ("UNSUBSCRIBE:" + token).getBytes(StandardCharsets.US_ASCII));
        assertThat(tokens.hash(token)).isNotEqualTo(withoutPurpose).isNotEqualTo(otherPurpose);
    }

    @Test
    void aTokenIsFoundByItsHash() {
        String token = tokens.issue("instance");
        when(repository.findByHash(any())).thenReturn(Optional.of(
                new ConfirmationToken(tokens.hash(token), "CONFIRMATION", "instance", Instant.now())));
        assertThat(tokens.find(token)).map(ConfirmationToken::processInstanceId).contains("instance");
    }

    @Test
    void malformedTokensAreNotEvenLookedUp() {
        assertThat(tokens.find("short")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "/")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "\n")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
        verifyNoInteractions(repository);
    }
}
