/**
 * The consent ledger: an append-only, hash-chained audit log of every consent fact, export, erasure and staff
 * view (ids only, never personal data), its verification, and the proof-of-consent queries over it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent",
        allowedDependencies = {"accounts", "engine", "jobs", "keys", "web"})
package dev.consentflow.consent;
