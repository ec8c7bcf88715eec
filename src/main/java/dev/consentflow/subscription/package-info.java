/**
 * How people get onto a list and off it again: signup forms and their public pages, the double opt-in process
 * with its scanner-safe confirmation links (random tokens stored only as hashes), the rate limits in front of
 * them, and the consent evidence each step hands to contacts. Unsubscribing too: the one-click links of every list
 * mail ({@link dev.consentflow.subscription.UnsubscribeLinks}), their pages, and the unsubscribe process that
 * the links, the API and complaints start, which stops the person's automation on that list. The API's entry
 * points to these processes live here too: {@code POST /api/subscriptions}, {@code POST /api/lists/{key}/subscriptions},
 * {@code POST /api/contacts/{id}/unsubscribe} and {@code /resubscribe}. An erased person's resubscription is
 * confirmed through the same mechanism as a signup: one waiting request and one link table, keyed by purpose.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Subscription",
        allowedDependencies = {"accounts", "brands", "consent", "contacts", "dispatch", "engine", "keys", "web"})
package dev.consentflow.subscription;
