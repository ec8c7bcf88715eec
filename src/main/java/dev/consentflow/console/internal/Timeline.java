package dev.consentflow.console.internal;

import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.ProcessStepRecord;
import dev.consentflow.consent.TimelineEntry;
import dev.consentflow.contacts.BehaviourEvent;
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
 * A process that recorded no fact of its own gets one row, named after the process, holding its steps.
 */
final class Timeline {

    private Timeline() {
    }

    /** One line of the timeline; {@code steps} are the engine steps folded under it, oldest first. */
    record Row(Instant at, Kind kind, String what, String actor, Map<String, Object> detail,
               List<ProcessStepRecord> steps) {
    }

    enum Kind { AUDIT, EVENT, PROCESS }

    static List<Row> of(List<TimelineEntry> entries, List<BehaviourEvent> events) {
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
        stepsByInstance.forEach((instance, steps) -> rows.add(new Row(steps.get(0).at(), Kind.PROCESS,
                steps.get(0).process(), "system:" + steps.get(0).process(), Map.of(), steps)));
        for (BehaviourEvent event : events) {
            Map<String, Object> detail = new LinkedHashMap<>();
            if (event.campaign() != null) {
                detail.put("campaign", event.campaign());
            }
            rows.add(new Row(event.at(), Kind.EVENT, event.type().name(), "person", detail, List.of()));
        }
        rows.sort(Comparator.comparing(Row::at).reversed());
        return rows;
    }
}
