package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.Templates.Preview;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.OutboundMessage.Content;
import dev.consentflow.dispatch.TemplateRenderer;
import dev.consentflow.subscription.SignupFormAdmin;
import dev.consentflow.web.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * What a template's placeholders can be filled with: {@code email}, and the fields the account's contacts hold
 * or its forms ask for. Anything else would render empty for everyone, so the preview warns and a send refuses.
 */
@Component
class TemplateChecks {

    /** The sample contact's values of the usual fields; any other known field shows as its own name. */
    private static final Map<String, String> SAMPLE = Map.of("email", "anna.hansen@example.com",
            "firstName", "Anna", "lastName", "Hansen", "city", "Aarhus");

    private final MailingLists lists;
    private final SignupFormAdmin forms;

    TemplateChecks(MailingLists lists, SignupFormAdmin forms) {
        this.lists = lists;
        this.forms = forms;
    }

    Set<String> known(AccountId account) {
        Set<String> known = new LinkedHashSet<>();
        known.add("email");
        known.addAll(lists.fieldNames(account));
        forms.forms(account).forEach(f -> known.addAll(f.fields()));
        return known;
    }

    List<String> unknown(AccountId account, String subject, String html, String text) {
        Set<String> known = known(account);
        return Stream.of(subject, html, text).flatMap(part -> TemplateRenderer.placeholders(part).stream())
                .distinct().filter(name -> !known.contains(name)).toList();
    }

    /** A 400 naming the placeholders nothing fills. */
    void refuseUnknown(AccountId account, TemplateRows.Template template) {
        List<String> unknown = unknown(account, template.subject(), template.html(), template.text());
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("template", "has placeholders no contact or form of this account has: "
                    + String.join(", ", unknown));
        }
    }

    /** The template rendered for the sample contact, as {@link CampaignMessages} renders it for a recipient. */
    Preview preview(AccountId account, String subject, String html, String text) {
        Content content = sample(account, subject, html, text);
        return new Preview(content.subject(), content.html(), content.text(), unknown(account, subject, html, text));
    }

    Content sample(AccountId account, String subject, String html, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        known(account).forEach(name -> values.put(name, SAMPLE.getOrDefault(name, "[" + name + "]")));
        return new Content(TemplateRenderer.plain(nullToEmpty(subject), values),
                TemplateRenderer.plain(nullToEmpty(text), values), TemplateRenderer.html(nullToEmpty(html), values));
    }

    private static String nullToEmpty(String part) {
        return part == null ? "" : part;
    }
}
