package dev.consentflow.engine.internal;

import dev.consentflow.engine.FlowReference;
import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * An account's deployment is a flow, never code. The engine itself checks every new deployment of an account
 * before it parses it ({@link AccountFlowDeployer}, {@link FlowRules}), so no route to the engine skips the check,
 * and its expressions reach only the delegates of the element templates ({@link SandboxedExpressionManager}), so
 * nothing that slipped past the check reaches the server's other components.
 */
@Component
class FlowSandbox extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;
    private final ObjectProvider<FlowReference> references;
    private final ObjectProvider<DeploymentAuthors> authors;

    FlowSandbox(ApplicationContext context, ObjectProvider<FlowReference> references,
                ObjectProvider<DeploymentAuthors> authors) {
        this.context = context;
        this.references = references;
        this.authors = authors;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ElementTemplates templates = ElementTemplates.load();
        configuration.setExpressionManager(new SandboxedExpressionManager(context, templates.delegates(),
                PlatformDelegates.load()));
        List<Deployer> deployers = new ArrayList<>();
        deployers.add(new AccountFlowDeployer(new FlowRules(templates, context::containsBean,
                () -> references.orderedStream().toList()),
                (deployment, account) -> authors.getObject().record(deployment, account)));
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        configuration.setCustomPreDeployers(deployers);
    }
}
