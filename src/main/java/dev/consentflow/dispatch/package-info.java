/**
 * Everything that leaves the server as mail or SMS: the durable outbox, the SMTP relay connections (Jakarta
 * Mail), the SMS gateway, rate limits, retries and bounces; and, in development, the embedded SMTP server and
 * SMS outbox that stand in for the real ones.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch",
        allowedDependencies = {"accounts", "keys", "web"})
package dev.consentflow.dispatch;
