package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lists/{key}/messages/{kind}}: an account's own wording of a list's built-in mails
 * (confirmation, reminder, welcome, resubscription), checked for its placeholders when it is written; without one
 * the built-in text in the list's language is sent, and {@code GET} answers it with {@code builtIn: true}. The
 * preview renders a draft, or the mail in use, for a sample person with the renderer that sends it.
 */
@RestController
class MailTemplateController {

    static final String SAMPLE_TOKEN = "sample-token-of-a-preview";

    private final MailingLists contacts;
    private final ListMails mails;
    private final ConfirmationMessages links;

    MailTemplateController(MailingLists contacts, ListMails mails, ConfirmationMessages links) {
        this.contacts = contacts;
        this.mails = mails;
        this.links = links;
    }

    record TemplateView(String list, String kind, String language, boolean builtIn, String subject, String html,
                        String text, List<String> placeholders, String required) {
    }

    record Preview(String subject, String html, String text) {
    }

    @GetMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    TemplateView get(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller) {
        ListInfo list = list(caller.requireAccount(), key);
        MailKind mailKind = kind(kind);
        return view(list, mailKind, mails.inUse(list, mailKind));
    }

    @PutMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    TemplateView put(@PathVariable String key, @PathVariable String kind, @RequestBody MailTemplate template,
                     @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        ListInfo list = list(account, key);
        MailKind mailKind = kind(kind);
        mails.save(account, list, mailKind, template.checkedFor(mailKind));
        return view(list, mailKind, new ListMails.InUse(template, false));
    }

    @DeleteMapping("/api/lists/{key}/messages/{kind}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller) {
        mails.delete(list(caller.requireAccount(), key), kind(kind));
    }

    @PostMapping("/api/lists/{key}/messages/{kind}/preview")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE')")
    Preview preview(@PathVariable String key, @PathVariable String kind,
                    @RequestBody(required = false) MailTemplate draft, @AuthenticationPrincipal Caller caller) {
        ListInfo list = list(caller.requireAccount(), key);
        MailKind mailKind = kind(kind);
        boolean noDraft = draft == null || draft.subject() == null && draft.html() == null && draft.text() == null;
        MailTemplate template = noDraft ? mails.inUse(list, mailKind).template() : draft.checkedFor(mailKind);
        String link = mailKind == MailKind.WELCOME ? links.unsubscribeLink(SAMPLE_TOKEN)
                : links.confirmationLink(SAMPLE_TOKEN);
        MailTemplate.Rendered mail = template.render(Map.of(MailKind.LIST_NAME, ListMails.plain(list.name()),
                mailKind.link(), link));
        return new Preview(mail.subject(), mail.html(), mail.text());
    }

    private ListInfo list(AccountId account, String key) {
        return contacts.findList(account, key).orElseThrow(() -> new NotFoundException("List"));
    }

    private static MailKind kind(String code) {
        return MailKind.of(code).orElseThrow(() -> new NotFoundException("Mail template kind"));
    }

    private static TemplateView view(ListInfo list, MailKind kind, ListMails.InUse inUse) {
        MailTemplate t = inUse.template();
        return new TemplateView(list.key(), kind.code(), list.language(), inUse.builtIn(), t.subject(), t.html(),
                t.text(), List.copyOf(new TreeSet<>(kind.placeholders())), kind.link());
    }
}
