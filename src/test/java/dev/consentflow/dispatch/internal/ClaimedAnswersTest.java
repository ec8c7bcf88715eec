package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import dev.consentflow.dispatch.RecipientDirectory.Lookup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A claim's directory answers: given while fresh, asked again together for the rows not taken once they are not. */
class ClaimedAnswersTest {

    private static final AccountId ACCOUNT = new AccountId(UUID.randomUUID());

    /** A directory that answers every lookup with a new address and remembers what it was asked. */
    private static final class CountingDirectory implements RecipientDirectory {
        final List<Collection<Lookup>> asked = new ArrayList<>();
        int round;

        @Override
        public Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId,
                                           Channel channel, Purpose purpose) {
            throw new AssertionError("asked on its own");
        }

        @Override
        public Map<Lookup, Optional<Recipient>> resolveAll(AccountId account, Collection<Lookup> lookups) {
            asked.add(List.copyOf(lookups));
            round++;
            Map<Lookup, Optional<Recipient>> answers = new HashMap<>();
            lookups.forEach(l -> answers.put(l, Optional.of(new Recipient("r" + round + "@example.org"))));
            return answers;
        }

        @Override
        public void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        }
    }

    private static Lookup lookup() {
        return new Lookup(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, Purpose.CAMPAIGN);
    }

    @Test
    void freshAnswersAreGivenAsAskedAtTheClaim() {
        CountingDirectory directory = new CountingDirectory();
        Lookup a = lookup();
        Lookup b = lookup();
        ClaimedAnswers answers = new ClaimedAnswers(directory, ACCOUNT, List.of(a, b),
                directory.resolveAll(ACCOUNT, List.of(a, b)), System.nanoTime());

        assertThat(answers.take(a)).contains(new Recipient("r1@example.org"));
        assertThat(answers.take(b)).contains(new Recipient("r1@example.org"));
        assertThat(directory.asked).hasSize(1);
        assertThat(answers.take(a)).as("taken already: asks on its own").isNull();
        assertThat(answers.take(lookup())).as("not of this claim").isNull();
    }

    @Test
    void staleAnswersAreAskedAgainOnceForEveryRowNotTakenYet() {
        CountingDirectory directory = new CountingDirectory();
        Lookup a = lookup();
        Lookup b = lookup();
        Lookup c = lookup();
        ClaimedAnswers answers = new ClaimedAnswers(directory, ACCOUNT, List.of(a, b, c),
                directory.resolveAll(ACCOUNT, List.of(a, b, c)), System.nanoTime() - TimeUnit.SECONDS.toNanos(2));

        assertThat(answers.take(b)).contains(new Recipient("r2@example.org"));
        assertThat(directory.asked).hasSize(2);
        assertThat(directory.asked.get(1)).containsExactlyInAnyOrder(a, b, c);
        assertThat(answers.take(a)).contains(new Recipient("r2@example.org"));
        assertThat(answers.take(c)).contains(new Recipient("r2@example.org"));
        assertThat(directory.asked).as("fresh again: no more questions").hasSize(2);
    }
}
