/**
 * The data subject's rights: GDPR erasure (the tombstone, crypto-shredding, the erasure process with its
 * optional four-eyes approval), access and portability exports of one person (JSON and Excel), list and
 * account exports, and operator exports released only after the account approves.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy",
        allowedDependencies = {"accounts", "brands", "consent", "contacts", "dispatch", "engine", "jobs", "keys", "subscription",
                "web"})
package dev.consentflow.privacy;
