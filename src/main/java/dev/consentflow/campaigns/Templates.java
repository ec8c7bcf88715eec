package dev.consentflow.campaigns;

import dev.consentflow.accounts.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Mail templates as marketers write them ({@code /api/templates} and the console's template editor): created,
 * changed, previewed for a sample contact through the renderer campaigns use, and tested on one's own address.
 */
public interface Templates {

    record TemplateView(UUID id, String key, String subject, String html, String text, Instant createdAt) {
    }

    /**
     * A template rendered for a sample contact, as a campaign renders it (values escaped in the HTML part), with
     * the placeholders nothing can fill: neither {@code email} nor a field the account's contacts or forms have.
     */
    record Preview(String subject, String html, String text, List<String> unknownPlaceholders) {
    }

    List<TemplateView> templates(AccountId account);

    /** A template of the account; a 404 for any other key. */
    TemplateView template(AccountId account, String key);

    TemplateView create(AccountId account, String key, String subject, String html, String text);

    /** New subject, HTML and text for a template (its key stays: campaigns and flows name it). */
    TemplateView change(AccountId account, String key, String subject, String html, String text);

    Preview preview(AccountId account, String subject, String html, String text);

    /** Sends the template, rendered for the sample contact, to {@code to}; refused (400) with unknown placeholders. */
    void sendTest(AccountId account, String key, String to);
}
