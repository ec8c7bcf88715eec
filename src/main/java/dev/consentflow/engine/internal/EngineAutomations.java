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
import org.operaton.bpm.engine.management.IncidentStatistics;
import org.operaton.bpm.engine.management.ProcessDefinitionStatistics;
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
        Map<String, ProcessDefinitionStatistics> statistics = management.createProcessDefinitionStatisticsQuery()
                .includeIncidents().list().stream().filter(s -> tenant.equals(s.getTenantId()))
                .collect(Collectors.toMap(ProcessDefinitionStatistics::getId, Function.identity()));
        Map<String, Deployment> deployments = repository.createDeploymentQuery().tenantIdIn(tenant).list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        Map<String, String> deployedBy = authors.of(account.value());
        return definitions.stream().map(d -> {
            ProcessDefinitionStatistics s = statistics.get(d.getId());
            Deployment deployment = deployments.get(d.getDeploymentId());
            return new Flow(d.getId(), d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion(),
                    d.getDeploymentId(), deployment == null ? null : deployment.getDeploymentTime().toInstant(),
                    deployedBy.get(d.getDeploymentId()), s == null ? 0 : s.getInstances(),
                    s == null ? 0 : incidents(s.getIncidentStatistics()), null);
        }).toList();
    }

    @Override
    public Optional<Flow> flow(AccountId account, String definitionId) {
        return flows(account).stream().filter(f -> f.definitionId().equals(definitionId)).findFirst()
                .map(f -> new Flow(f.definitionId(), f.key(), f.name(), f.version(), f.deploymentId(), f.deployedAt(),
                        f.deployedBy(), f.running(), f.incidents(), activities(definitionId)));
    }

    private List<Activity> activities(String definitionId) {
        Function<String, String> names = names(definitionId);
        return management.createActivityStatisticsQuery(definitionId).includeIncidents().list().stream()
                .map(a -> new Activity(a.getId(), names.apply(a.getId()), a.getInstances(),
                        incidents(a.getIncidentStatistics())))
                .sorted(Comparator.comparing(Activity::activityId)).toList();
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
                .map(i -> incident(account, i, names.apply(i.getActivityId()))).toList();
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
        return new Incident(incident.getId(), incident.getProcessDefinitionId(), incident.getActivityId(),
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

    private static long incidents(List<IncidentStatistics> statistics) {
        return statistics.stream().mapToLong(IncidentStatistics::getIncidentCount).sum();
    }
}
