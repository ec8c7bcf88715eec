package dev.consentflow.engine.internal;

import java.util.List;
import org.operaton.bpm.engine.impl.identity.Authentication;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.runtime.CorrelationHandlerResult;
import org.operaton.bpm.engine.impl.runtime.CorrelationSet;
import org.operaton.bpm.engine.impl.runtime.DefaultCorrelationHandler;

/**
 * The platform's publications ({@code subscription.confirmed} to an account's flows) never fail on the account's
 * instance limit: a flow whose account is at its limit is left out of the message's starts, logged, and the
 * confirmation goes on. A key's message through {@code /engine-rest} (signed in with its role's group,
 * {@link EngineRestTenancyFilter}) is not filtered: its start meets the refusal of {@link CountedFlowStarts}
 * ({@code 429}). The publications run as the account alone, without groups ({@code OperatonProcessRuntime}).
 */
final class LimitedFlowStarts extends DefaultCorrelationHandler {

    private final FlowInstanceLimit limit;

    LimitedFlowStarts(FlowInstanceLimit limit) {
        this.limit = limit;
    }

    @Override
    public List<CorrelationHandlerResult> correlateStartMessages(CommandContext context, String messageName,
                                                                 CorrelationSet correlationSet) {
        List<CorrelationHandlerResult> starts = super.correlateStartMessages(context, messageName, correlationSet);
        if (starts.isEmpty() || byKey(context.getAuthentication())) {
            return starts;
        }
        return starts.stream().filter(this::withinLimit).toList();
    }

    private boolean withinLimit(CorrelationHandlerResult start) {
        String account = start.getProcessDefinitionEntity().getTenantId();
        if (account == null || !limit.reached(account)) {
            return true;
        }
        limit.refused(account, start.getProcessDefinitionEntity().getId(), "skipped");
        return false;
    }

    private static boolean byKey(Authentication authentication) {
        return authentication != null && authentication.getGroupIds() != null
                && !authentication.getGroupIds().isEmpty();
    }
}
