package dev.consentflow.engine.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ProcessEngineException;

/**
 * The engine refused an account's deployment while parsing it: it holds more than a flow may (code, expressions
 * beyond a variable compared with a literal, resources other than models and forms, unbounded loops). Nothing of
 * it was deployed. {@code /engine-rest} answers {@code 400} with every violation ({@link FlowRefusedMapper}).
 */
class FlowRefused extends ProcessEngineException {

    private final transient List<FlowViolation> violations;

    FlowRefused(List<FlowViolation> violations) {
        super("The deployment is not a flow: " + violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    List<FlowViolation> violations() {
        return violations;
    }
}
