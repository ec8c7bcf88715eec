package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The account's log of its lists' settings (LIST_CREATED, LIST_CHANGED): which list, which of its settings (name,
 * brand, language, trackOpens, trackClicks), who and when, through the API or the console alike. An account-level
 * entry (no person), in the transaction that writes the list.
 */
@Component
class ListAudit {

    private final AuditAtCommit log;

    ListAudit(AuditAtCommit log) {
        this.log = log;
    }

    void created(MailingList list) {
        append(list, AuditAction.LIST_CREATED, differing(null, list));
    }

    void changed(MailingList before, MailingList after) {
        List<String> fields = differing(before, after);
        if (!fields.isEmpty()) {
            append(after, AuditAction.LIST_CHANGED, fields);
        }
    }

    /** The settings that differ; against nothing, the ones that are set. */
    static List<String> differing(MailingList before, MailingList after) {
        List<String> fields = new ArrayList<>();
        if (before == null || !Objects.equals(before.name(), after.name())) {
            fields.add("name");
        }
        if (before == null ? after.brand() != null : !Objects.equals(before.brand(), after.brand())) {
            fields.add("brand");
        }
        if (before == null || !Objects.equals(before.language(), after.language())) {
            fields.add("language");
        }
        if (before == null ? after.trackOpens() : before.trackOpens() != after.trackOpens()) {
            fields.add("trackOpens");
        }
        if (before == null ? after.trackClicks() : before.trackClicks() != after.trackClicks()) {
            fields.add("trackClicks");
        }
        return fields;
    }

    private void append(MailingList list, AuditAction action, List<String> fields) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("list", list.key());
        detail.put("fields", fields);
        log.append(new AuditEntry(new AccountId(list.accountId()), null, action,
                ContactAudit.actor(), detail, null));
    }
}
