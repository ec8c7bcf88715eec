package dev.consentflow.engine;

import dev.consentflow.accounts.AccountId;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed reads of an instance's variables, over any source of them ({@code execution::getVariable}, a map's
 * {@code get}). The {@code *Process} constants classes build their readers on these, so what a missing variable
 * means is said once: the model or its start is wrong, an {@link IllegalStateException} naming the variable.
 */
public final class Variables {

    private Variables() {
    }

    /** The account the instance belongs to: its {@value ProcessRuntime#ACCOUNT_VARIABLE} variable. */
    public static AccountId account(Function<String, Object> variables) {
        return new AccountId(uuid(variables, ProcessRuntime.ACCOUNT_VARIABLE));
    }

    /** An id the instance holds as a string. */
    public static UUID uuid(Function<String, Object> variables, String name) {
        return UUID.fromString(text(variables, name));
    }

    /** A variable or input that must be set, as text. */
    public static String text(Function<String, Object> variables, String name) {
        Object value = variables.apply(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalStateException("process variable or input " + name + " is not set");
        }
        return value.toString();
    }

    /**
     * A flag for {@link ProcessRuntime#start} that the steps running in the starting transaction read (a gateway
     * right after the start event) and the engine never stores: no variable row written, none deleted at the end.
     */
    public static Object transientFlag(boolean value) {
        return org.operaton.bpm.engine.variable.Variables.booleanValue(value, true);
    }

    /** As {@link #transientFlag}, a text (an outcome's name, a duration) read only in the transaction that sets it. */
    public static Object transientText(String value) {
        return org.operaton.bpm.engine.variable.Variables.stringValue(value, true);
    }
}
