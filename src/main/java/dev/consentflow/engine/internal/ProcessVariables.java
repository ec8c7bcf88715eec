package dev.consentflow.engine.internal;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.operaton.bpm.engine.variable.value.PrimitiveValue;

/** The one rule for what goes into the engine: ids and primitives, never personal data (history keeps it). */
final class ProcessVariables {

    private ProcessVariables() {
    }

    /** Refuses anything but ids and primitives, and strings that look like an address, before history keeps them. */
    static Map<String, Object> checked(Map<String, Object> variables) {
        Map<String, Object> copy = new HashMap<>();
        variables.forEach((name, value) -> copy.put(name, checkedValue(name, value)));
        return copy;
    }

    static Object checkedValue(String name, Object value) {
        if (value instanceof UUID || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof PrimitiveValue<?> typed && typed.isTransient()) {
            // A transient value never reaches the engine's tables; what it holds obeys the same rule.
            checkedValue(name, typed.getValue());
            return typed;
        }
        if (value instanceof String s && s.indexOf('@') >= 0) {
            throw new IllegalArgumentException("process variable " + name + " looks like an address");
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Date) {
            return value;
        }
        throw new IllegalArgumentException("process variable " + name + " is not an id or a primitive: "
                + value.getClass().getSimpleName());
    }
}
