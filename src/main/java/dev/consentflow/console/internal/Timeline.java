package dev.consentflow.console.internal;

import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.ProcessStepRecord;
import dev.consentflow.consent.ProcessStepsRemoved;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.contacts.BehaviourEvent;
import dev.consentflow.contacts.EventType;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.SentMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A person's timeline as people read it: one row per fact (an audit entry, an open or click), newest first, and
 * the engine's steps folded under the first fact of their process instance instead of standing between the facts.
 * A process that recorded no fact of its own gets one row, named after the process, holding its steps. Card
 * changes are shown once, by their audit entry (UPDATED, with who did it), not again as a behaviour event, and
 * staff views of the card by the same person in a row are one row with their count. Every mail and SMS sent to
 * the person is a row of its own ({@link Kind#MAIL}, {@code what} = channel and final state): the kind of mail, the
 * mailing and, when it failed, the relay's answer.
 */
final class Timeline {

    private Timeline() {
    }

    /** One line of the timeline; {@code steps} are the engine steps folded under it, oldest first. */
    record Row(Instant at, Kind kind, String what, String actor, Map<String, Object> detail,
               List<ProcessStepRecord> steps, int times) {

        Row(Instant at, Kind kind, String what, String actor, Map<String, Object> detail,
            List<ProcessStepRecord> steps) {
            this(at, kind, what, actor, detail, steps, 1);
        }

        private boolean isViewBy(String other) {
            return kind == Kind.AUDIT && "VIEWED".equals(what) && actor != null && actor.equals(other);
        }
    }

    enum Kind { AUDIT, EVENT, PROCESS, MAIL, RETENTION }

    static List<Row> of(List<TimelineEntry> entries, List<BehaviourEvent> events) {
        return of(entries, events, List.of(), false);
    }

    static List<Row> of(List<TimelineEntry> entries, List<BehaviourEvent> events, List<SentMessage> messages,
                        boolean tombstone) {
        Map<String, List<ProcessStepRecord>> stepsByInstance = entries.stream()
                .filter(ProcessStepRecord.class::isInstance).map(ProcessStepRecord.class::cast)
                .collect(Collectors.groupingBy(ProcessStepRecord::processInstanceId, LinkedHashMap::new,
                        Collectors.toList()));
        List<Row> rows = new ArrayList<>();
        for (TimelineEntry entry : entries) {
            if (entry instanceof AuditRecord audit) {
                List<ProcessStepRecord> steps = audit.processInstanceId() == null ? null
                        : stepsByInstance.remove(audit.processInstanceId());
                rows.add(new Row(audit.at(), Kind.AUDIT, audit.action(), audit.actor(), audit.detail(),
                        steps == null ? List.of() : steps));
            }
        }
        for (TimelineEntry entry : entries) {
            if (entry instanceof ProcessStepsRemoved removed) {
                rows.add(new Row(removed.at(), Kind.RETENTION, "PROCESS_STEPS_REMOVED", "system:retention",
                        Map.of("engineHistoryMonths", removed.engineHistoryMonths()), List.of()));
            }
        }
        stepsByInstance.forEach((instance, steps) -> rows.add(new Row(steps.get(0).at(), Kind.PROCESS,
                steps.get(0).process(), "system:" + steps.get(0).process(), Map.of(), steps)));
        for (BehaviourEvent event : events) {
            if (event.type() == EventType.UPDATE) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (event.campaign() != null) {
                detail.put("campaign", event.campaign());
            }
            rows.add(new Row(event.at(), Kind.EVENT, event.type().name(), "person", detail, List.of()));
        }
        for (SentMessage message : messages) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", message.kind(tombstone));
            if (message.mailing() != null) {
                detail.put("mailing", message.mailing());
            } else if (message.batchId() != null) {
                detail.put("campaign", message.batchId());
            }
            if (message.state() != MessageState.SENT && message.answer() != null) {
                detail.put("answer", message.answer());
            }
            detail.put("messageId", message.messageId().toString());
            rows.add(new Row(message.finishedAt(), Kind.MAIL, message.channel().name() + "." + message.state().name(),
                    "system:dispatch", detail, List.of()));
        }
        // Newest first; facts of the same instant keep their recorded order, reversed (a confirmation after its signup).
        List<Row> newestFirst = new ArrayList<>(rows);
        java.util.Collections.reverse(newestFirst);
        newestFirst.sort(Comparator.comparing(Row::at).reversed());
        return foldViews(newestFirst);
    }

    private static List<Row> foldViews(List<Row> rows) {
        List<Row> folded = new ArrayList<>();
        for (Row row : rows) {
            Row last = folded.isEmpty() ? null : folded.get(folded.size() - 1);
            if (last != null && last.isViewBy(row.actor()) && row.isViewBy(last.actor())) {
                folded.set(folded.size() - 1, new Row(last.at(), last.kind(), last.what(), last.actor(), Map.of(),
                        last.steps(), last.times() + 1));
            } else {
                folded.add(row);
            }
        }
        return folded;
    }
}
