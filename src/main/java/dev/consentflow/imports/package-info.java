/**
 * Imports: CSV and Excel files uploaded into a list (API.md section 8). The upload is stored sealed in the
 * database first, then any node's worker reads it as a stream in chunks, each chunk committed with its cursor, and
 * hands each chunk to the contacts module's {@link dev.consentflow.contacts.ContactImports} (and, for rows that
 * must confirm, to the subscription module's double opt-in).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Imports",
        allowedDependencies = {"accounts", "consent", "contacts", "dispatch", "keys", "subscription", "web"})
package dev.consentflow.imports;
