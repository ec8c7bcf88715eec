package dev.consentflow.consent;

import dev.consentflow.accounts.AccountId;
import java.util.Map;
import java.util.UUID;

/**
 * One fact for the audit log. {@code detail} holds ids, states, times and IP addresses of consent evidence only:
 * never an address, a mobile number, a name or a field value.
 *
 * @param account           the account (null for platform facts)
 * @param subscriberId      the person it is about, or null
 * @param action            what happened
 * @param actor             who did it: {@code role:keyId}, {@code person} (a click), {@code system:<process>}
 * @param detail            what else proves it (list key, subscription id, IP, form key…)
 * @param processInstanceId the process instance that acted, or null
 */
public record AuditEntry(AccountId account, UUID subscriberId, AuditAction action, String actor,
                         Map<String, Object> detail, String processInstanceId) {
}
