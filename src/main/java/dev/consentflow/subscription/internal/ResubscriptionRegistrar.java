package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.ResubscribeProcess.Outcome.CONFIRMATION_DUE;
import static dev.consentflow.subscription.internal.ResubscribeProcess.Outcome.CONFIRMATION_RECENT;
import static dev.consentflow.subscription.internal.ResubscribeProcess.Outcome.NEW_REQUEST;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.ResubscribeProcess.Outcome;
import dev.consentflow.subscription.internal.ResubscribeProcess.Var;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterResubscription}: decides what a resubscription request needs. A new one makes this
 * instance the one that waits for the confirmation. A repeated one (the same tombstone and list, still pending)
 * gets a new link only once the throttle window has passed since the last one was requested; the lock on the
 * waiting row makes parallel repeats count once.
 */
@Component
class ResubscriptionRegistrar {

    private final ResubscribeRepository rows;
    private final JdbcAggregateTemplate aggregates;
    private final SignupSettings settings;

    ResubscriptionRegistrar(ResubscribeRepository rows, JdbcAggregateTemplate aggregates, SignupSettings settings) {
        this.rows = rows;
        this.aggregates = aggregates;
        this.settings = settings;
    }

    Outcome register(String processInstanceId, String businessKey, Function<String, Object> variables) {
        Instant now = Instant.now();
        UUID resubscription = Var.resubscriptionId(variables).value();
        Optional<Resubscribe> waiting = Var.newRequest(variables) ? Optional.empty()
                : rows.lockWaiting(resubscription);
        if (waiting.isEmpty()) {
            // A new request, or a pending one nobody waits for any more (a lost instance): this one does.
            aggregates.insert(Resubscribe.waiting(processInstanceId, UUID.fromString(businessKey),
                    Variables.account(variables).value(), Var.tombstoneId(variables).value(), resubscription,
                    (String) variables.apply(Var.LIST_KEY), Channel.valueOf((String) variables.apply(Var.CHANNEL)),
                    now));
            return NEW_REQUEST;
        }
        if (waiting.get().lastRequestedAt().plus(settings.confirmationThrottle()).isAfter(now)) {
            return CONFIRMATION_RECENT;
        }
        rows.requestedAgain(waiting.get().processInstanceId(), now);
        return CONFIRMATION_DUE;
    }
}
