/**
 * Templates and campaigns: a template rendered for each CONFIRMED subscription of a list, with the person's own
 * fields as plain values (escaped, never evaluated), enqueued through dispatch in pages by the
 * {@code campaign-broadcast} process, and the campaign's ledger until every recipient reached an end state.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package dev.consentflow.campaigns;
