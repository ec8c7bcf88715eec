package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.ProcessStepRecord;
import dev.consentflow.consent.ProcessStepsRemoved;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.EventType;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.SentMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final UUID PERSON = UUID.randomUUID();

    @Test
    void engineStepsFoldUnderTheFirstFactOfTheirInstanceAndNewestComesFirst() {
        List<TimelineEntry> entries = List.of(
                step(T0, "pi-1", "StartEvent_SignupReceived"),
                audit(1, T0, "SUBSCRIBED", "pi-1"),
                step(T0.plusSeconds(1), "pi-1", "Task_SendConfirmation"),
                audit(2, T0.plusSeconds(60), "CONFIRMED", "pi-1"),
                step(T0.plusSeconds(120), "pi-2", "Task_PublishConfirmed"));

        List<Timeline.Row> rows = Timeline.of(entries, List.of());

        assertThat(rows).extracting(Timeline.Row::what).containsExactly("announce", "CONFIRMED", "SUBSCRIBED");
        assertThat(rows.get(2).steps()).extracting(ProcessStepRecord::activity)
                .containsExactly("StartEvent_SignupReceived", "Task_SendConfirmation");
        assertThat(rows.get(1).steps()).isEmpty();
        assertThat(rows.get(0).kind()).isEqualTo(Timeline.Kind.PROCESS);
    }

    @Test
    void whereRetentionRemovedTheEngineStepsTheTimelineSaysSoAtTheCutOffAndKeepsTheAuditEntries() {
        List<Timeline.Row> rows = Timeline.of(List.of(audit(1, T0, "SUBSCRIBED", "pi-1"),
                new ProcessStepsRemoved(T0.plusSeconds(3600), 36), audit(2, T0.plusSeconds(7200), "CONFIRMED", "pi-2"),
                step(T0.plusSeconds(7200), "pi-2", "Task_SendWelcome")), List.of());

        assertThat(rows).extracting(Timeline.Row::what)
                .containsExactly("CONFIRMED", "PROCESS_STEPS_REMOVED", "SUBSCRIBED");
        assertThat(rows.get(1).kind()).isEqualTo(Timeline.Kind.RETENTION);
        assertThat(rows.get(1).detail()).containsEntry("engineHistoryMonths", 36);
        assertThat(rows.get(2).steps()).as("the removed steps are not invented").isEmpty();
    }

    @Test
    void factsOfTheSameInstantKeepTheirOrderNewestFirst() {
        List<Timeline.Row> rows = Timeline.of(List.of(audit(1, T0, "SUBSCRIBED", null),
                audit(2, T0, "CONFIRMED", null)), List.of());

        assertThat(rows).extracting(Timeline.Row::what).containsExactly("CONFIRMED", "SUBSCRIBED");
    }

    @Test
    void opensAndClicksAreRowsButCardChangesAreShownOnlyByTheirAuditEntry() {
        List<Timeline.Row> rows = Timeline.of(List.of(audit(1, T0, "UPDATED", null)), List.of(
                new BehaviourEvent(EventType.UPDATE, T0, null, Map.of()),
                new BehaviourEvent(EventType.OPEN, T0.plusSeconds(5), "c-1", Map.of()),
                new BehaviourEvent(EventType.CLICK, T0.plusSeconds(9), "c-1", Map.of())));

        assertThat(rows).extracting(Timeline.Row::what).containsExactly("CLICK", "OPEN", "UPDATED");
        assertThat(rows.get(0).detail()).containsEntry("campaign", "c-1");
    }

    @Test
    void everyMessageSentIsARowWithItsKindAndMailingAndAFailureKeepsTheRelaysAnswer() {
        SentMessage campaign = new SentMessage(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, Purpose.CAMPAIGN,
                "c-1", "Winter sale", MessageState.SENT, 1, T0.plusSeconds(10), T0.plusSeconds(20), "250 OK");
        SentMessage refused = new SentMessage(UUID.randomUUID(), UUID.randomUUID(), Channel.SMS, Purpose.WELCOME,
                null, null, MessageState.HARD_FAIL, 1, T0.plusSeconds(30), T0.plusSeconds(40), "550 no such number");
        SentMessage again = new SentMessage(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL,
                Purpose.CONFIRMATION, null, null, MessageState.SENT, 1, T0.plusSeconds(50), T0.plusSeconds(60), "250");

        List<Timeline.Row> rows = Timeline.of(List.of(audit(1, T0, "SUBSCRIBED", null)), List.of(),
                List.of(campaign, refused, again), true);

        assertThat(rows).extracting(Timeline.Row::what)
                .containsExactly("EMAIL.SENT", "SMS.HARD_FAIL", "EMAIL.SENT", "SUBSCRIBED");
        assertThat(rows.get(0).detail()).containsEntry("kind", "RESUBSCRIPTION_CONFIRMATION")
                .doesNotContainKey("answer");
        assertThat(rows.get(1).detail()).containsEntry("kind", "WELCOME").containsEntry("answer", "550 no such number");
        assertThat(rows.get(2).detail()).containsEntry("kind", "CAMPAIGN").containsEntry("mailing", "Winter sale")
                .containsEntry("messageId", campaign.messageId().toString());
        assertThat(rows.get(2).kind()).isEqualTo(Timeline.Kind.MAIL);
    }

    @Test
    void viewsOfOnePersonInARowAreOneRowWithTheirCount() {
        List<Timeline.Row> rows = Timeline.of(List.of(
                audit(1, T0, "VIEWED", null),
                audit(2, T0.plusSeconds(1), "VIEWED", null),
                audit(3, T0.plusSeconds(2), "EXPORTED", null),
                audit(4, T0.plusSeconds(3), "VIEWED", null),
                audit(5, T0.plusSeconds(4), "VIEWED", null),
                audit(6, T0.plusSeconds(5), "VIEWED", null)), List.of());

        assertThat(rows).extracting(Timeline.Row::what).containsExactly("VIEWED", "EXPORTED", "VIEWED");
        assertThat(rows).extracting(Timeline.Row::times).containsExactly(3, 1, 2);
    }

    private static AuditRecord audit(long seq, Instant at, String action, String instance) {
        return new AuditRecord(seq, at, PERSON, action, "user:" + PERSON, Map.of(), instance, "h" + seq,
                "h" + (seq - 1));
    }

    private static ProcessStepRecord step(Instant at, String instance, String activity) {
        return new ProcessStepRecord(at, instance.equals("pi-2") ? "announce" : "double-opt-in", instance, activity,
                activity, "serviceTask", at, "COMPLETED");
    }
}
