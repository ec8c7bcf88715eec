/**
 * How people get onto a list and off it again: signup forms and their public pages, the double opt-in process
 * with its scanner-safe confirmation links (random tokens stored only as hashes), the rate limits in front of
 * them, and the consent evidence each step hands to contacts. Unsubscribe and resubscribe come here too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Subscription")
package dev.consentflow.subscription;
