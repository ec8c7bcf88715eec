package dev.consentflow.engine;

import java.util.UUID;

/**
 * Something of an account that a flow's task names by key in one of its input parameters (a template, a list):
 * the module that owns it answers whether the account has it, so a flow naming what the account lacks is refused
 * when it is deployed ({@code 400}), not when a person reaches the task. Implemented as a Spring bean by the
 * module that owns the thing; the engine asks every implementation whose {@link #inputParameter()} a task sets.
 */
public interface FlowReference {

    /** The input parameter that names it, as the element templates set it ({@code templateKey}). */
    String inputParameter();

    /** What it is, in a refusal's words ({@code template}). */
    String noun();

    /** Whether the account has one with this key. */
    boolean exists(UUID account, String key);
}
