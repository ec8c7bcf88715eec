package dev.consentflow.subscription.internal;

import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Outcome;
import dev.consentflow.subscription.internal.ResubscriptionProcess.Var;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RegisterResubscription}: the request waits for its confirmation, as a signup's does
 * ({@link ConfirmationRequests}): a new one makes this instance the one that waits; a repeated one (the same
 * tombstone and list, still pending) gets a new link only once the throttle window has passed.
 */
@Component
class ResubscriptionRegistrar {

    private final ConfirmationRequests requests;

    ResubscriptionRegistrar(ConfirmationRequests requests) {
        this.requests = requests;
    }

    Outcome register(String processInstanceId, String businessKey, Function<String, Object> variables) {
        ConfirmationRequest candidate = ConfirmationRequest.resubscription(processInstanceId,
                UUID.fromString(businessKey), Variables.account(variables).value(), Var.tombstoneId(variables).value(),
                Var.resubscriptionId(variables).value(), Var.listKey(variables), Var.channel(variables),
                Instant.now());
        return Outcome.valueOf(requests.register(candidate, Var.newRequest(variables)).name());
    }
}
