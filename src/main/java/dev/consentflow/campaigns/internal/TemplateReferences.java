package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.engine.FlowReference;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A flow's "Send a template" task names one of the account's templates: a flow naming another is refused. */
@Component
class TemplateReferences implements FlowReference {

    private final TemplateRows templates;

    TemplateReferences(TemplateRows templates) {
        this.templates = templates;
    }

    @Override
    public String inputParameter() {
        return AutomationTasks.Input.TEMPLATE_KEY;
    }

    @Override
    public String noun() {
        return "template";
    }

    @Override
    public boolean exists(UUID account, String key) {
        return templates.byKey(new AccountId(account), key).isPresent();
    }
}
