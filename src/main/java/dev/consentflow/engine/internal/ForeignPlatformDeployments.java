package dev.consentflow.engine.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.Deployment;

/** Tenant-less deployments that are not the platform's: the server does not start ({@link PlatformDeploymentCheck}). */
class ForeignPlatformDeployments extends IllegalStateException {

    private final List<String> ids;

    ForeignPlatformDeployments(List<Deployment> deployments, RepositoryService repository) {
        super(message(deployments, repository));
        this.ids = deployments.stream().map(Deployment::getId).toList();
    }

    List<String> ids() {
        return ids;
    }

    private static String message(List<Deployment> deployments, RepositoryService repository) {
        String listed = deployments.stream().map(deployment -> "  " + deployment.getId() + " \"" + deployment.getName()
                        + "\" deployed " + deployment.getDeploymentTime() + ", resources "
                        + repository.getDeploymentResourceNames(deployment.getId()))
                .collect(Collectors.joining("\n"));
        String ids = deployments.stream().map(Deployment::getId).collect(Collectors.joining(","));
        return "The engine holds " + deployments.size() + " deployment(s) without a tenant that are not the platform's:"
                + " their processes would run for every account. The server does not start until they are gone.\n"
                + listed + "\n"
                + "To remove them with their instances and history (their listeners do not run), start once with\n"
                + "  CONSENTFLOW_ENGINE_REMOVE_DEPLOYMENTS=" + ids + "\n"
                + "If one is a platform deployment of an earlier Consentflow version (name \"SpringAutoDeployment\", "
                + "only processes/*.bpmn and forms/*.form, and you checked its resources in the database), keep it with\n"
                + "  CONSENTFLOW_ENGINE_ACCEPT_DEPLOYMENTS=<its id>\n"
                + "See the README, \"Tenant-less deployments at start-up\".";
    }
}
