package dev.consentflow.engine.internal;

/**
 * One rule a deployment of an account breaks: the element (its BPMN id, or the resource's name for rules about
 * whole files) and the rule, in words a marketer can act on. Never echoes an expression's text.
 */
record FlowViolation(String field, String message) {
}
