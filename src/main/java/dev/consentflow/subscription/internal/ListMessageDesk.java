package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandDirectory;
import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.subscription.ListMessages;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ListMessages} on {@link ListMails}: the list found in the account, the kind by its code, a wording checked
 * by {@link MailTemplate#checkedFor} before it is stored (and audited by {@link ListMessageAudit} in the same
 * transaction), and previews with a sample link.
 */
@Component
class ListMessageDesk implements ListMessages {

    static final String SAMPLE_TOKEN = "sample-token-of-a-preview";

    private final MailingLists contacts;
    private final ListMails mails;
    private final ConfirmationMessages links;
    private final ListMessageAudit audit;
    private final BrandDirectory brands;

    ListMessageDesk(MailingLists contacts, ListMails mails, ConfirmationMessages links, ListMessageAudit audit,
                    BrandDirectory brands) {
        this.brands = brands;
        this.contacts = contacts;
        this.mails = mails;
        this.links = links;
        this.audit = audit;
    }

    @Override
    public List<ListMessage> all(AccountId account, String listKey) {
        ListInfo list = list(account, listKey);
        return KINDS.stream().map(code -> kind(code)).map(kind -> view(list, kind, mails.inUse(list, kind))).toList();
    }

    @Override
    public ListMessage inUse(AccountId account, String listKey, String kind) {
        ListInfo list = list(account, listKey);
        MailKind mailKind = kind(kind);
        return view(list, mailKind, mails.inUse(list, mailKind));
    }

    @Override
    @Transactional
    public ListMessage save(AccountId account, String listKey, String kind, Draft wording) {
        ListInfo list = list(account, listKey);
        MailKind mailKind = kind(kind);
        MailTemplate template = new MailTemplate(wording.subject(), wording.html(), wording.text())
                .checkedFor(mailKind);
        mails.save(account, list, mailKind, template);
        audit.saved(account, list, mailKind, template);
        return view(list, mailKind, new ListMails.InUse(template, false));
    }

    @Override
    @Transactional
    public void reset(AccountId account, String listKey, String kind) {
        ListInfo list = list(account, listKey);
        MailKind mailKind = kind(kind);
        if (mails.delete(list, mailKind)) {
            audit.reset(account, list, mailKind);
        }
    }

    @Override
    public Preview preview(AccountId account, String listKey, String kind, Draft draft) {
        ListInfo list = list(account, listKey);
        MailKind mailKind = kind(kind);
        boolean noDraft = draft == null || draft.subject() == null && draft.html() == null && draft.text() == null;
        MailTemplate template = noDraft ? mails.inUse(list, mailKind).template()
                : new MailTemplate(draft.subject(), draft.html(), draft.text());
        List<FieldProblem> problems = List.of();
        try {
            template.checkedFor(mailKind);
        } catch (InvalidInputException e) {
            problems = e.errors();
        }
        String link = mailKind == MailKind.WELCOME ? links.unsubscribeLink(SAMPLE_TOKEN)
                : links.confirmationLink(SAMPLE_TOKEN);
        BrandIdentity brand = brands.identity(account, list.brand()).orElse(null);
        MailTemplate.Rendered mail = ListMails.withFooter(new MailTemplate(orEmpty(template.subject()),
                orEmpty(template.html()), orEmpty(template.text())).render(ListMails.values(list, brand, mailKind,
                link)), brand, list);
        return new Preview(mail.subject(), mail.html(), mail.text(), problems);
    }

    private ListInfo list(AccountId account, String key) {
        return contacts.findList(account, key).orElseThrow(() -> new NotFoundException("List"));
    }

    private static MailKind kind(String code) {
        return MailKind.of(code).orElseThrow(() -> new NotFoundException("Mail template kind"));
    }

    private static String orEmpty(String part) {
        return part == null ? "" : part;
    }

    private static ListMessage view(ListInfo list, MailKind kind, ListMails.InUse inUse) {
        MailTemplate t = inUse.template();
        return new ListMessage(list.key(), kind.code(), list.language(), inUse.builtIn(), t.subject(), t.html(),
                t.text(), List.copyOf(new TreeSet<>(kind.placeholders())), kind.link());
    }
}
