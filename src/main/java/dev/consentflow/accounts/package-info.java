/**
 * Accounts (the platform's customers), their API keys and roles, the caller of a request, and the masking
 * that platform operators see instead of addresses and mobile numbers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts",
        allowedDependencies = {"web"})
package dev.consentflow.accounts;
