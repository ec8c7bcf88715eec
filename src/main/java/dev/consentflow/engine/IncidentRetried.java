package dev.consentflow.engine;

import dev.consentflow.accounts.AccountId;

/**
 * A person or key of the account gave a failed step of its flow another attempt ({@link Automations#retry}).
 * Published in the retrying transaction; ids only.
 */
public record IncidentRetried(AccountId account, String actor, String incidentId, String processDefinitionId,
                              String activityId, String processInstanceId) {
}
