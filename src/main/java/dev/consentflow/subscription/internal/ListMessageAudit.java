package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ListInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The account's log of its lists' own mail wordings (LIST_MESSAGE_CHANGED), for the API and the console alike: which
 * list and kind, who and when, and the SHA-256 of the subject, HTML and text saved (the way a consent text is kept:
 * it proves which wording was in use without copying it into the log), or {@code builtIn} when the list went back
 * to the built-in text.
 */
@Component
class ListMessageAudit {

    /** Who acts when no caller does. */
    static final String SYSTEM = "system:subscription";

    private final AuditLog log;

    ListMessageAudit(AuditLog log) {
        this.log = log;
    }

    void saved(AccountId account, ListInfo list, MailKind kind, MailTemplate wording) {
        Map<String, Object> detail = about(list, kind, false);
        detail.put("subjectSha256", sha256(wording.subject()));
        detail.put("htmlSha256", sha256(wording.html()));
        detail.put("textSha256", sha256(wording.text()));
        append(account, detail);
    }

    void reset(AccountId account, ListInfo list, MailKind kind) {
        append(account, about(list, kind, true));
    }

    private void append(AccountId account, Map<String, Object> detail) {
        log.append(new AuditEntry(account, null, AuditAction.LIST_MESSAGE_CHANGED,
                Caller.current().map(Caller::actor).orElse(SYSTEM), detail, null));
    }

    private static Map<String, Object> about(ListInfo list, MailKind kind, boolean builtIn) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("list", list.key());
        detail.put("kind", kind.code());
        detail.put("builtIn", builtIn);
        return detail;
    }

    static String sha256(String part) {
        if (part == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(part.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
