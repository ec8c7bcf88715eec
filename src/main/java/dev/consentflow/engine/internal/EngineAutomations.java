package dev.consentflow.engine.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.Automations;
import dev.consentflow.engine.FlowReference;
import dev.consentflow.engine.IncidentRetried;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Automations} on the engine's services, always filtered to the account's tenant explicitly (the calls run
 * without an engine sign-in, so the engine's own tenant check does not scope them).
 */
@Service
class EngineAutomations implements Automations {

    /** How the account checks word a missing template or list: at deploy time quoted, in a task's failure not. */
    private static final Pattern MISSING = Pattern.compile("the account has no ([a-z]+) '?([a-z0-9-]{1,64})'?");

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final DeploymentAuthors authors;
    private final ObjectProvider<FlowReference> references;
    private final ApplicationEventPublisher events;

    EngineAutomations(RepositoryService repository, RuntimeService runtime, ManagementService management,
                      DeploymentAuthors authors, ObjectProvider<FlowReference> references,
                      ApplicationEventPublisher events) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
        this.authors = authors;
        this.references = references;
        this.events = events;
    }

    @Override
    public List<Flow> flows(AccountId account) {
        String tenant = account.toString();
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().tenantIdIn(tenant)
                .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().desc().list();
        if (definitions.isEmpty()) {
            return List.of();
        }
        Map<String, Deployment> deployments = repository.createDeploymentQuery().tenantIdIn(tenant).list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, String> deployedBy = authors.of(account.value());
        return definitions.stream().map(d -> {
            // Counted per definition of the account: the engine's statistics query would read every tenant's.
            Deployment deployment = deployments.get(d.getDeploymentId());
            return new Flow(d.getId(), d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion(),
                    d.getDeploymentId(), deployment == null ? null : deployment.getDeploymentTime().toInstant(),
                    deployedBy.get(d.getDeploymentId()),
                    runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
                    runtime.createIncidentQuery().processDefinitionId(d.getId()).count(), null);
        }).toList();
    }

    @Override
    public Optional<Flow> flow(AccountId account, String definitionId) {
        return flows(account).stream().filter(f -> f.definitionId().equals(definitionId)).findFirst()
                .map(f -> new Flow(f.definitionId(), f.key(), f.name(), f.version(), f.deploymentId(), f.deployedAt(),
                        f.deployedBy(), f.running(), f.incidents(), activities(definitionId)));
    }

    /**
     * Instances per activity from the engine's statistics; incidents per activity that failed, which is not always
     * where the instance waits (a timer's job fails in the task after it, and its incident names the timer).
     */
    private List<Activity> activities(String definitionId) {
        Function<String, String> names = names(definitionId);
        Map<String, Long> running = new java.util.TreeMap<>();
        management.createActivityStatisticsQuery(definitionId).list()
                .forEach(a -> running.merge(a.getId(), (long) a.getInstances(), Long::sum));
        Map<String, Long> failed = runtime.createIncidentQuery().processDefinitionId(definitionId).list().stream()
                .collect(Collectors.groupingBy(EngineAutomations::failedActivity, Collectors.counting()));
        java.util.Set<String> ids = new java.util.TreeSet<>(running.keySet());
        ids.addAll(failed.keySet());
        return ids.stream().map(id -> new Activity(id, names.apply(id), running.getOrDefault(id, 0L),
                failed.getOrDefault(id, 0L))).toList();
    }

    private static String failedActivity(org.operaton.bpm.engine.runtime.Incident incident) {
        return incident.getFailedActivityId() != null ? incident.getFailedActivityId() : incident.getActivityId();
    }

    /** Activity id → its name in the model, or the id when it has none. */
    private Function<String, String> names(String definitionId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
        return id -> {
            ModelElementInstance element = id == null ? null : model.getModelElementById(id);
            String name = element == null ? null : element.getAttributeValue("name");
            return name == null || name.isBlank() ? id : name;
        };
    }

    @Override
    public Optional<byte[]> diagram(AccountId account, String definitionId) {
        return owned(account, definitionId).map(d -> {
            try (InputStream in = repository.getProcessModel(d.getId())) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public List<Incident> incidents(AccountId account, String definitionId) {
        if (owned(account, definitionId).isEmpty()) {
            return List.of();
        }
        Function<String, String> names = names(definitionId);
        return runtime.createIncidentQuery().tenantIdIn(account.toString()).processDefinitionId(definitionId)
                .orderByIncidentTimestamp().asc().list().stream()
                .map(i -> incident(account, i, names.apply(failedActivity(i)))).toList();
    }

    @Override
    @Transactional
    public boolean retry(AccountId account, String incidentId, String actor) {
        org.operaton.bpm.engine.runtime.Incident incident = runtime.createIncidentQuery().incidentId(incidentId)
                .tenantIdIn(account.toString()).singleResult();
        if (incident == null || !org.operaton.bpm.engine.runtime.Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
            return false;
        }
        management.setJobRetries(incident.getConfiguration(), 1);
        events.publishEvent(new IncidentRetried(account, actor, incident.getId(), incident.getProcessDefinitionId(),
                incident.getActivityId(), incident.getProcessInstanceId()));
        return true;
    }

    @Override
    public Map<String, byte[]> elementTemplates() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(ElementTemplates.LOCATION);
            java.util.Arrays.sort(found, Comparator.comparing(Resource::getFilename));
            for (Resource resource : found) {
                files.put(resource.getFilename(), resource.getContentAsByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the element templates", e);
        }
        return files;
    }

    private Optional<ProcessDefinition> owned(AccountId account, String definitionId) {
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .tenantIdIn(account.toString()).singleResult());
    }

    private Incident incident(AccountId account, org.operaton.bpm.engine.runtime.Incident incident,
                              String activityName) {
        String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
        return new Incident(incident.getId(), incident.getProcessDefinitionId(), failedActivity(incident),
                activityName, incident.getProcessInstanceId(), incident.getIncidentTimestamp().toInstant(), message,
                missing(account, message));
    }

    private Missing missing(AccountId account, String message) {
        Matcher found = MISSING.matcher(message);
        if (!found.find()) {
            return null;
        }
        return references.orderedStream().filter(r -> r.noun().equals(found.group(1))).findFirst()
                .map(r -> new Missing(r.noun(), found.group(2), r.exists(account.value(), found.group(2))))
                .orElse(null);
    }
}
