package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.repository.Resource;
import org.operaton.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the server takes requests or runs jobs: every deployment without a tenant must be the
 * platform's own, since a tenant-less definition runs for every account. The platform's are the server's
 * auto-deployments ({@code processes/*.bpmn}, {@code forms/*.form}): a deployment of the auto-deployment's name whose
 * every resource has the bytes of one of the server's own resources; once recognised, its id is recorded as an
 * engine property, so it stays the platform's after a later version changed the files. Any other refuses the start,
 * naming each deployment and the way out: {@code CONSENTFLOW_ENGINE_REMOVE_DEPLOYMENTS} (deleted with its instances
 * and history, without running their listeners) or {@code CONSENTFLOW_ENGINE_ACCEPT_DEPLOYMENTS} (a platform
 * deployment of an earlier version, reviewed by the operator).
 */
@Component
class PlatformDeploymentCheck implements SmartInitializingSingleton {

    static final String RECORDED = "cf.platform.";

    private static final Logger log = LoggerFactory.getLogger(PlatformDeploymentCheck.class);

    private final ProcessEngine engine;
    private final List<String> remove;
    private final List<String> accept;

    PlatformDeploymentCheck(ProcessEngine engine,
                            @Value("${consentflow.engine.remove-deployments:}") List<String> remove,
                            @Value("${consentflow.engine.accept-deployments:}") List<String> accept) {
        this.engine = engine;
        this.remove = remove.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
        this.accept = accept.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    @Override
    public void afterSingletonsInstantiated() {
        check();
    }

    /** Refuses with {@link ForeignPlatformDeployments} while a tenant-less deployment is not the platform's. */
    void check() {
        RepositoryService repository = engine.getRepositoryService();
        ManagementService management = engine.getManagementService();
        Map<String, String> recorded = management.getProperties();
        Map<String, byte[]> own = ownResources();
        List<Deployment> foreign = new ArrayList<>();
        for (Deployment deployment : repository.createDeploymentQuery().withoutTenantId().list()) {
            String id = deployment.getId();
            if (recorded.containsKey(RECORDED + id)) {
                continue;
            }
            if (isOwn(repository, deployment, own) || accept.contains(id)) {
                management.setProperty(RECORDED + id, accept.contains(id) ? "accepted" : "recognised");
                if (accept.contains(id)) {
                    log.warn("Accepted the tenant-less deployment {} ({}) as the platform's "
                            + "(CONSENTFLOW_ENGINE_ACCEPT_DEPLOYMENTS)", id, deployment.getName());
                }
            } else if (remove.contains(id)) {
                repository.deleteDeployment(id, true, true, true);
                log.warn("Removed the tenant-less deployment {} ({}) with its instances and history, without running "
                        + "their listeners (CONSENTFLOW_ENGINE_REMOVE_DEPLOYMENTS)", id, deployment.getName());
            } else {
                foreign.add(deployment);
            }
        }
        if (!foreign.isEmpty()) {
            ForeignPlatformDeployments refusal = new ForeignPlatformDeployments(foreign, repository);
            log.error(refusal.getMessage());
            throw refusal;
        }
    }

    private boolean isOwn(RepositoryService repository, Deployment deployment, Map<String, byte[]> own) {
        if (!deploymentName().equals(deployment.getName())) {
            return false;
        }
        List<Resource> resources = repository.getDeploymentResources(deployment.getId());
        return !resources.isEmpty() && resources.stream().allMatch(resource -> {
            byte[] expected = own.get(fileName(resource.getName()));
            return expected != null && Arrays.equals(expected,
                    bytes(repository.getResourceAsStreamById(deployment.getId(), resource.getId())));
        });
    }

    private String deploymentName() {
        return engine.getProcessEngineConfiguration() instanceof SpringTransactionsProcessEngineConfiguration spring
                ? spring.getDeploymentName() : "SpringAutoDeployment";
    }

    /** The server's auto-deployed resources by file name. */
    private Map<String, byte[]> ownResources() {
        Map<String, byte[]> own = new HashMap<>();
        if (engine.getProcessEngineConfiguration() instanceof SpringTransactionsProcessEngineConfiguration spring
                && spring.getDeploymentResources() != null) {
            for (org.springframework.core.io.Resource resource : spring.getDeploymentResources()) {
                try (InputStream in = resource.getInputStream()) {
                    own.put(resource.getFilename(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return own;
    }

    private static String fileName(String resourceName) {
        return resourceName.substring(Math.max(resourceName.lastIndexOf('/'), resourceName.lastIndexOf('\\')) + 1);
    }

    private static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
