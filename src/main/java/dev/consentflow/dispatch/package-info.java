/**
 * Everything that leaves the server as mail or SMS: the durable outbox, the SMTP relay connections (Jakarta
 * Mail), the SMS gateway, rate limits, retries and bounces, and the retention of its ledger (messages of final
 * campaigns leave the outbox, their counts stay); and, in development, the embedded SMTP server and SMS outbox that
 * stand in for the real ones.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch",
        allowedDependencies = {"accounts", "consent", "jobs", "keys", "web"})
package dev.consentflow.dispatch;
