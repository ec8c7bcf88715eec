/**
 * Templates and campaigns: a template rendered for each CONFIRMED subscription of a list, with the person's own
 * fields as plain values (escaped, never evaluated), enqueued through dispatch in pages by the
 * {@code campaign-broadcast} process, and the campaign's ledger until every recipient reached an end state. Also
 * the marketers' automation tasks that the element templates in {@code processes/element-templates/} put into
 * their flows (send a template, branch on engagement, add to a list, update a field), and the tracking of opens
 * and clicks of campaign and automation mail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns",
        allowedDependencies = {"accounts", "contacts", "dispatch", "engine", "subscription", "web"})
package dev.consentflow.campaigns;
