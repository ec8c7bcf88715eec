package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ConfirmationTokensTest {

    private final KeyRing keys = new TestKeyRing();
    private final ConfirmationRows rows = mock(ConfirmationRows.class);
    private final ConfirmationTokenRepository repository = mock(ConfirmationTokenRepository.class);
    private final ConfirmationTokens tokens = new ConfirmationTokens(keys, rows, repository);
    private final List<ConfirmationToken> stored = new ArrayList<>();

    @Test
    void aTokenCarries256RandomBitsAndOnlyItsHashIsStoredWithItsPurpose() {
        ArgumentCaptor<ConfirmationToken> inserted = ArgumentCaptor.forClass(ConfirmationToken.class);
        String token = tokens.issue(signup("instance-1"));

        verify(rows).insert(inserted.capture());
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(inserted.getValue().tokenHash()).isEqualTo(tokens.hash(ConfirmationPurpose.SIGNUP, token))
                .isNotEqualTo(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(inserted.getValue().tokenHash(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(inserted.getValue().processInstanceId()).isEqualTo("instance-1");
        assertThat(inserted.getValue().purpose()).isEqualTo(ConfirmationPurpose.SIGNUP);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            issued.add(tokens.issue(signup("instance")));
        }
        assertThat(issued).hasSize(1000);
    }

    @Test
    void aSignupsLinkIsHashedAsDoubleOptInLinksAlwaysWereSoLinksSentBeforeStillMatch() {
        String token = RandomTokens.next();
        byte[] asBefore = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                ("CONFIRMATION:" + token).getBytes(StandardCharsets.US_ASCII));
        byte[] resubscriptionAsBefore = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                ("RESUBSCRIPTION:" + token).getBytes(StandardCharsets.US_ASCII));

        assertThat(tokens.hash(ConfirmationPurpose.SIGNUP, token)).isEqualTo(asBefore);
        assertThat(tokens.hash(ConfirmationPurpose.RESUBSCRIPTION, token)).isEqualTo(resubscriptionAsBefore);
    }

    @Test
    void theHashIsBoundToThePurpose() {
        String token = RandomTokens.next();
        byte[] withoutPurpose = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                token.getBytes(StandardCharsets.US_ASCII));
        assertThat(tokens.hash(ConfirmationPurpose.SIGNUP, token)).isNotEqualTo(withoutPurpose)
                .isNotEqualTo(tokens.hash(ConfirmationPurpose.RESUBSCRIPTION, token));
    }

    @Test
    void aLinkOfEitherPurposeIsFoundByItsOwnHash() {
        storeIssued();
        String signupLink = tokens.issue(signup("signup-instance"));
        String resubscriptionLink = tokens.issue(resubscription("resubscription-instance"));

        assertThat(tokens.find(signupLink)).map(ConfirmationToken::processInstanceId).contains("signup-instance");
        assertThat(tokens.find(resubscriptionLink)).map(ConfirmationToken::purpose)
                .contains(ConfirmationPurpose.RESUBSCRIPTION);
        assertThat(tokens.find(RandomTokens.next())).isEmpty();
    }

    @Test
    void aStoredLinkWhosePurposeDoesNotMatchItsHashOpensNothing() {
        storeIssued();
        String token = tokens.issue(signup("instance"));
        ConfirmationToken signupLink = stored.get(0);
        stored.set(0, new ConfirmationToken(signupLink.tokenHash(), ConfirmationPurpose.RESUBSCRIPTION,
                signupLink.processInstanceId(), signupLink.createdAt()));

        assertThat(tokens.find(token)).isEmpty();
    }

    @Test
    void malformedTokensAreNotEvenLookedUp() {
        assertThat(tokens.find("short")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "/")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "\n")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
        verifyNoInteractions(repository);
    }

    /** The repository as the database answers it: the stored link whose hash is one of the two asked for. */
    private void storeIssued() {
        doAnswer(call -> stored.add(call.getArgument(0))).when(rows).insert(any(ConfirmationToken.class));
        when(repository.findByHash(any(), any())).thenAnswer(call -> stored.stream()
                .filter(t -> Arrays.equals(t.tokenHash(), call.getArgument(0))
                        || Arrays.equals(t.tokenHash(), call.getArgument(1)))
                .findFirst());
    }

    private static ConfirmationRequest signup(String instance) {
        return ConfirmationRequest.signup(instance, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), Channel.EMAIL, Instant.now());
    }

    private static ConfirmationRequest resubscription(String instance) {
        return ConfirmationRequest.resubscription(instance, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "news", Channel.EMAIL, Instant.now());
    }
}
