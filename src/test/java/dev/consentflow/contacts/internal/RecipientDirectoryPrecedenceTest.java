package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Dispatch finds the contacts module's directory, unless a context brings its own (a test's stand-in). */
class RecipientDirectoryPrecedenceTest {

    @Test
    void theContactsDirectoryIsTheOneDispatchGetsWhenItIsAlone() {
        try (var context = context(false)) {
            assertThat(context.getBeanProvider(RecipientDirectory.class).getIfAvailable())
                    .isInstanceOf(ContactRecipientDirectory.class);
        }
    }

    @Test
    void aStandInDefinedBesideItWinsInsteadOfMakingTheChoiceAmbiguous() {
        try (var context = context(true)) {
            assertThat(context.getBeanProvider(RecipientDirectory.class).getIfAvailable())
                    .isInstanceOf(StandIn.class);
        }
    }

    private static AnnotationConfigApplicationContext context(boolean withStandIn) {
        var context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcClient.class, () -> mock(JdbcClient.class));
        context.registerBean(CardKeys.class, () -> mock(CardKeys.class));
        context.registerBean(SubscriptionLifecycle.class, () -> mock(SubscriptionLifecycle.class));
        context.registerBean(SealedResubscriptions.class, () -> mock(SealedResubscriptions.class));
        context.register(ContactRecipientDirectory.class);
        if (withStandIn) {
            context.register(StandIn.class);
        }
        context.refresh();
        return context;
    }

    static class StandIn implements RecipientDirectory {
        @Override
        public Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                                           Purpose purpose) {
            return Optional.empty();
        }

        @Override
        public void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        }
    }
}
