package dev.consentflow.engine.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.engine.ProcessHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricVariableInstance;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/** Reads {@link ProcessHistory} from the engine's history service. */
@Component
class EngineProcessHistory implements ProcessHistory {

    private final HistoryService history;
    private final RepositoryService repository;
    private final HistoryRetention retention;

    EngineProcessHistory(HistoryService history, RepositoryService repository, HistoryRetention retention) {
        this.history = history;
        this.repository = repository;
        this.retention = retention;
    }

    @Override
    public List<Step> stepsFor(UUID subscriberId) {
        List<String> instances = history.createHistoricVariableInstanceQuery()
                .variableName(SUBSCRIBER_VARIABLE)
                .variableValueEquals(SUBSCRIBER_VARIABLE, subscriberId.toString())
                .list().stream()
                .map(HistoricVariableInstance::getProcessInstanceId)
                .distinct()
                .toList();
        if (instances.isEmpty()) {
            return List.of();
        }
        Map<String, String> keys = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (String instance : instances) {
            for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance).list()) {
                String key = keys.computeIfAbsent(a.getProcessDefinitionId(), this::keyOf);
                steps.add(new Step(key, instance, a.getActivityId(), a.getActivityName(), a.getActivityType(),
                        toInstant(a.getStartTime()), toInstant(a.getEndTime()), outcome(a)));
            }
        }
        steps.sort(Comparator.comparing(Step::startedAt).thenComparing(s -> s.endedAt() == null ? Instant.MAX : s.endedAt()));
        return steps;
    }

    @Override
    public List<Kept> retention(AccountId account) {
        java.time.Period kept = java.time.Period.ofMonths(retention.of(account).months());
        return repository.createProcessDefinitionQuery().withoutTenantId().latestVersion().list().stream()
                .sorted(Comparator.comparing(ProcessDefinition::getKey))
                .map(d -> new Kept(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), kept))
                .toList();
    }

    private String keyOf(String definitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery()
                .processDefinitionId(definitionId).singleResult();
        return definition == null ? definitionId : definition.getKey();
    }

    private static String outcome(HistoricActivityInstance activity) {
        if (activity.getEndTime() == null) {
            return "RUNNING";
        }
        return activity.isCanceled() ? "CANCELED" : "COMPLETED";
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
