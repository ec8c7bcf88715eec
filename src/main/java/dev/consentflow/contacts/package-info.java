/**
 * The people: contact cards (encrypted address, mobile and custom fields under a data key per contact), the
 * blind index that finds a card by its full address, lists and brands, per-list subscriptions with their
 * status and consent evidence, behaviour events and MailRating, and the tombstone an erasure leaves.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts",
        allowedDependencies = {"accounts", "consent", "dispatch", "engine", "jobs", "keys", "web"})
package dev.consentflow.contacts;
