package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final KeyRing keys = new TestKeyRing();
    private final UnsubscribeTokenRepository repository = mock(UnsubscribeTokenRepository.class);
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(keys, repository, null);
    private final AccountId account = new AccountId(UUID.randomUUID());
    private final SubscriptionId subscription = new SubscriptionId(UUID.randomUUID());
    private final Map<UUID, UnsubscribeToken> table = new HashMap<>();

    /** The repository as a map by subscription, with the insert's "on conflict do nothing". */
    @BeforeEach
    void aTable() {
        when(repository.findBySubscriptionId(any())).thenAnswer(call -> Optional.ofNullable(table.get(call.getArgument(0))));
        when(repository.insertIfAbsent(any(), any(), any(), any(), anyInt())).thenAnswer(call -> {
            UUID id = call.getArgument(0);
            if (table.containsKey(id)) {
                return 0;
            }
            table.put(id, new UnsubscribeToken(id, call.getArgument(1), call.getArgument(2), call.getArgument(3),
                    call.getArgument(4), Instant.now()));
            return 1;
        });
        when(repository.insertIfAbsentWithWording(any(), any(), any(), any(), anyInt(), any(), any()))
                .thenAnswer(call -> new UnsubscribeTokenRepository.InsertedWithWording(repository.insertIfAbsent(
                        call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3),
                        call.getArgument(4)), null));
        when(repository.findByHash(any())).thenAnswer(call -> table.values().stream()
                .filter(t -> Arrays.equals(t.tokenHash(), call.getArgument(0))).findFirst());
    }

    @Test
    void aTokenCarries256RandomBitsAndIsStoredOnlyHashedAndSealed() {
        String token = tokens.tokenOf(account, subscription);

        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        UnsubscribeToken stored = table.get(subscription.value());
        assertThat(stored.tokenHash()).isEqualTo(tokens.hash(token, 1));
        assertThat(stored.accountId()).isEqualTo(account.value());
        assertThat(stored.keyVersion()).isEqualTo(1);
        String raw = new String(stored.tokenHash(), StandardCharsets.ISO_8859_1)
                + new String(stored.tokenSealed(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(token);
    }

    @Test
    void everyMailOfASubscriptionCarriesTheSameTokenAndOtherSubscriptionsOthers() {
        String first = tokens.tokenOf(account, subscription);
        String again = tokens.tokenOf(account, subscription);
        String other = tokens.tokenOf(account, new SubscriptionId(UUID.randomUUID()));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        verify(repository, times(2)).insertIfAbsent(any(), any(), any(), any(), anyInt());
    }

    @Test
    void ofTwoParallelFirstMailsTheTokenStoredFirstWins() {
        String storedByTheOther = tokens.tokenOf(account, subscription);
        when(repository.findBySubscriptionId(eq(subscription.value())))
                .thenReturn(Optional.empty())
                .thenAnswer(call -> Optional.of(table.get(subscription.value())));

        assertThat(tokens.tokenOf(account, subscription)).isEqualTo(storedByTheOther);
    }

    @Test
    void aWelcomesTokenIsStoredWithoutALookFirstAndOneStoredBeforeIsKept() {
        UUID list = UUID.randomUUID();
        var first = tokens.tokenOfNew(account, subscription, list, MailKind.WELCOME);
        verify(repository, never()).findBySubscriptionId(any());
        assertThat(first.wording()).as("the list has no wording of its own").isEmpty();

        assertThat(tokens.tokenOfNew(account, subscription, list, MailKind.WELCOME).token()).isEqualTo(first.token());
        assertThat(tokens.tokenOf(account, subscription)).isEqualTo(first.token());
        assertThat(tokens.find(first.token())).contains(new UnsubscribeTokens.Target(account, subscription));
    }

    @Test
    void aTokenLeadsToItsAccountAndSubscription() {
        String token = tokens.tokenOf(account, subscription);

        assertThat(tokens.find(token)).contains(new UnsubscribeTokens.Target(account, subscription));
        assertThat(tokens.find(RandomTokens.next())).isEmpty();
    }

    @Test
    void theHashIsBoundToThePurposeSoAConfirmationTokenNeverMatches() {
        String token = tokens.tokenOf(account, subscription);
        byte[] withoutPurpose = Sealing.hmac(keys.derive("subscription.unsubscribe-token", 1),
                token.getBytes(StandardCharsets.US_ASCII));
        byte[] asConfirmation = Sealing.hmac(keys.derive("subscription.confirmation-token", 1),
                ("CONFIRMATION:" + token).getBytes(StandardCharsets.US_ASCII));
        assertThat(tokens.hash(token, 1)).isNotEqualTo(withoutPurpose).isNotEqualTo(asConfirmation);
    }

    @Test
    void aSealedTokenMovedToAnotherSubscriptionOrAccountCannotBeOpened() {
        tokens.tokenOf(account, subscription);
        UnsubscribeToken stored = table.get(subscription.value());
        SubscriptionId other = new SubscriptionId(UUID.randomUUID());
        table.put(other.value(), new UnsubscribeToken(other.value(), account.value(), new byte[32],
                stored.tokenSealed(), 1, Instant.now()));

        assertThatThrownBy(() -> tokens.tokenOf(account, other)).isInstanceOf(Sealing.TamperedException.class);
        assertThatThrownBy(() -> tokens.tokenOf(new AccountId(UUID.randomUUID()), subscription))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedTokensAreNotEvenLookedUp() {
        assertThat(tokens.find("short")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "/")).isEmpty();
        assertThat(tokens.find("a".repeat(42) + "\u2028")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
        verify(repository, never()).findByHash(any());
    }

    @Test
    void theLinkIsThePublicUrlWithTheToken() {
        var links = new OneClickLinks(tokens, new UnsubscribeTokenPages(tokens, repository, null),
                new ConfirmationMessages("https://lists.acme.example/", ConfirmationMessagesTest.builtInOnly()));
        String url = links.unsubscribeUrl(account, subscription);
        assertThat(url).matches("https://lists\\.acme\\.example/u/[A-Za-z0-9_-]{43}")
                .isEqualTo(links.unsubscribeUrl(account, subscription));
    }
}
