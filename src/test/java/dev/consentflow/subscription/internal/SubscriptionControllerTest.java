package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.TransactionRetry;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.contacts.Contacts;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListJoins;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.Subscribers;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.DoubleOptIns;
import dev.consentflow.subscription.internal.SubscriptionController.SubscriptionRequest;
import dev.consentflow.web.InvalidInputException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;

/** How POST /api/subscriptions hands requests without "confirmed": true to the double opt-in. */
class SubscriptionControllerTest {

    private final Subscribers signups = mock(Subscribers.class);
    private final AccountId account = new AccountId(UUID.randomUUID());
    private final Caller caller = new Caller(UUID.randomUUID(), account, Role.MARKETER);
    private final SubscriptionRequest unconfirmed = new SubscriptionRequest("anna@example.dk", null, "news",
            Map.of(), null, "203.0.113.7", null, null, null, null);

    @Test
    void anUnconfirmedRequestGoesCheckedToTheDoubleOptInWithItsListAsReadWhichAnswersWith202() {
        DoubleOptIns doubleOptIn = mock(DoubleOptIns.class);
        SubscriberId subscriber = new SubscriberId(UUID.randomUUID());
        ListInfo news = new ListInfo(UUID.randomUUID(), "news", "News", "acme");
        when(signups.check(eq(account), any())).thenAnswer(call -> new Subscribers.Checked(call.getArgument(1), news));
        when(doubleOptIn.signUp(eq(account), any(), eq(news)))
                .thenReturn(new SignupReceipt(UUID.randomUUID(), subscriber, false));

        var answer = controller(doubleOptIn).subscribe(unconfirmed, caller);

        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(answer.getBody()).isEqualTo(new SubscriptionController.Accepted(subscriber.value(),
                SubscriptionStatus.PENDING));
        verify(doubleOptIn).signUp(eq(account), any(Signup.class), eq(news));
        verify(signups, never()).subscribeConfirmed(any(), any(), any());
    }

    @Test
    void aBadRequestNeverReachesTheDoubleOptIn() {
        DoubleOptIns doubleOptIn = mock(DoubleOptIns.class);
        when(signups.check(eq(account), any())).thenThrow(new InvalidInputException("email", "must contain an @"));
        var bad = new SubscriptionRequest("anna", null, "news", Map.of(), false, "not-an-ip", Instant.now(), null,
                null, null);

        assertThatThrownBy(() -> controller(doubleOptIn).subscribe(bad, caller))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldProblem::field).containsExactlyInAnyOrder("ip", "email"));
        verify(doubleOptIn, never()).signUp(any(), any(), any());
    }

    private SubscriptionController controller(DoubleOptIns doubleOptIn) {
        return new SubscriptionController(signups, doubleOptIn, mock(ListJoins.class), mock(Contacts.class),
                new GroupCommit(new TransactionRetry(mock(PlatformTransactionManager.class)),
                        mock(PlatformTransactionManager.class), mock(ProcessRuntime.class), 0, 1, new SimpleMeterRegistry()));
    }
}
