package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

/**
 * The click's row is written once when its confirm step runs in the click's transaction (CONFIRMED, the card, no
 * evidence); when the step has not run by the commit, the evidence is sealed into the row just before it, and a
 * confirm step in a later transaction of its own opens it from there. The step's write goes with the welcome's
 * token insert when there is one, else just before the commit.
 */
class ClickHandOverTest {

    private final ConfirmationRequestRepository requests = mock(ConfirmationRequestRepository.class);
    private final ConfirmationSubjects subjects = mock(ConfirmationSubjects.class);
    private final ClickEvidenceSeal seal = new ClickEvidenceSeal(new TestKeyRing(),
            JsonMapper.builder().findAndAddModules().build());
    private final ClickHandOver handOver = new ClickHandOver(requests, subjects, seal);

    private final String instance = UUID.randomUUID().toString();
    private final UUID account = UUID.randomUUID();
    private final UUID subscriber = UUID.randomUUID();
    private final UUID subscription = UUID.randomUUID();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final ConfirmationRequest waiting = ConfirmationRequest.signup(instance, UUID.randomUUID(), account,
            subscriber, subscription, Channel.EMAIL, now);
    private final ConsentEvidence click = ConsentEvidence.ofClick(now, "198.51.100.7", "Mozilla/5.0");

    @BeforeEach
    void aTransaction() {
        TransactionSynchronizationManager.initSynchronization();
        when(subjects.confirm(any(), any())).thenReturn(new ConfirmationSubjects.Confirmed(true,
                new SubscriberId(subscriber), new SubscriptionId(subscription)));
        when(requests.confirmedAndHandedOver(anyString(), any(), any())).thenReturn(1);
    }

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aClickConfirmedInItsOwnTransactionWritesTheRowOnceAndSealsNothing() {
        handOver.clicked(waiting, click, null);
        assertThat(handOver.confirm(instance)).containsEntry(DoubleOptInProcess.Var.SUBSCRIPTION_CONFIRMED, true);
        commit();

        verify(requests).confirmedAndHandedOver(instance, now, subscriber);
        verify(requests, never()).confirmed(anyString(), any(), any());
        verify(requests, never()).evidenceHandedOver(anyString(), any());
        verify(subjects).confirm(waiting, click);
    }

    /** The welcome's token insert carries the row's write ({@link UnsubscribeTokens}): nothing is left for the commit. */
    @Test
    void theConfirmStepsWriteTakenByTheWelcomeIsNotWrittenAgain() {
        handOver.clicked(waiting, click, null);
        handOver.confirm(instance);
        verify(requests, never()).confirmedAndHandedOver(anyString(), any(), any());

        assertThat(handOver.takeHandOver(instance))
                .contains(new ClickHandOver.HandOver(instance, now, subscriber));
        assertThat(handOver.takeHandOver(instance)).as("taken once").isEmpty();
        commit();

        verify(requests, never()).confirmedAndHandedOver(anyString(), any(), any());
        verify(requests, never()).confirmed(anyString(), any(), any());
    }

    @Test
    void aClickWhoseConfirmStepHasNotRunByTheCommitLeavesItsSealedEvidenceForTheStepLater() {
        handOver.clicked(waiting, click, null);
        commit();

        ArgumentCaptor<byte[]> sealed = ArgumentCaptor.forClass(byte[].class);
        verify(requests).confirmed(eq(instance), eq(now), sealed.capture());
        verify(requests, never()).confirmedAndHandedOver(anyString(), any(), any());

        TransactionSynchronizationManager.initSynchronization();
        ConfirmationRequest clicked = new ConfirmationRequest(instance, ConfirmationPurpose.SIGNUP,
                waiting.requestId(), account, subscriber, subscription, null, null, null, Channel.EMAIL,
                ConfirmationRequest.State.CONFIRMED, now, now, now, sealed.getValue());
        when(requests.lock(instance)).thenReturn(Optional.of(clicked));
        handOver.confirm(instance);

        verify(subjects).confirm(clicked, click);
        verify(requests).evidenceHandedOver(instance, subscriber);
        assertThat(seal.open(new AccountId(account), instance, sealed.getValue())).isEqualTo(click);
    }

    /** As the transaction manager commits: before it, then after it, and the synchronizations cleared. */
    private static void commit() {
        var synchronizations = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationUtils.triggerBeforeCommit(false);
        TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations, TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();
    }
}
