package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage.Content;
import dev.consentflow.dispatch.TemplateRenderer;
import dev.consentflow.subscription.MailFooter;
import dev.consentflow.subscription.PublicTexts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails of a list ({@code subscription_mail_template}): the account's own wording where it has one, else the
 * built-in text in the list's language; rendered with the list's name, its brand's name and data controller and the
 * mail's link, and followed by the controller's footer ({@link ControllerFooters}), which no wording can leave out. SMS
 * always have the built-in line (an account words mail only).
 */
@Component
class ListMails {

    private final JdbcClient jdbc;

    ListMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a list sends as this kind: the account's wording and whether it is one, or the built-in text. */
    record InUse(MailTemplate template, boolean builtIn) {
    }

    InUse inUse(ListInfo list, MailKind kind) {
        return override(list, kind).map(t -> new InUse(t, false))
                .orElseGet(() -> new InUse(BuiltInMails.of(kind, list.language()), true));
    }

    Optional<MailTemplate> override(ListInfo list, MailKind kind) {
        return jdbc.sql("select subject, html, text from subscription_mail_template where list_id = :list and kind = :kind")
                .param("list", list.id()).param("kind", kind.code())
                .query((rs, row) -> new MailTemplate(rs.getString("subject"), rs.getString("html"),
                        rs.getString("text")))
                .optional();
    }

    void save(AccountId account, ListInfo list, MailKind kind, MailTemplate template) {
        jdbc.sql("""
                        insert into subscription_mail_template (list_id, kind, account_id, subject, html, text, updated_at)
                        values (:list, :kind, :account, :subject, :html, :text, :at)
                        on conflict (list_id, kind) do update
                           set subject = excluded.subject, html = excluded.html, text = excluded.text,
                               updated_at = excluded.updated_at
                        """)
                .param("list", list.id()).param("kind", kind.code()).param("account", account.value())
                .param("subject", template.subject()).param("html", template.html()).param("text", template.text())
                .param("at", Timestamp.from(Instant.now())).update();
    }

    /** Removes the list's own wording of a kind; false when it had none. */
    boolean delete(ListInfo list, MailKind kind) {
        return jdbc.sql("delete from subscription_mail_template where list_id = :list and kind = :kind")
                .param("list", list.id()).param("kind", kind.code()).update() > 0;
    }

    /**
     * The message of a kind for one person: the mail as the list words it, or the built-in SMS; in the name of the
     * list's brand as read ({@code brand}, null for a list without a brand record).
     */
    Content content(Channel channel, ListInfo list, BrandIdentity brand, MailKind kind, String link) {
        return content(channel, list, brand, kind, link,
                channel == Channel.SMS ? Optional.empty() : override(list, kind));
    }

    /** As above, with the list's own wording of the kind as read already (empty: it has none). */
    Content content(Channel channel, ListInfo list, BrandIdentity brand, MailKind kind, String link,
                    Optional<MailTemplate> own) {
        Map<String, String> values = values(list, brand, kind, link);
        if (channel == Channel.SMS) {
            return new Content(null, TemplateRenderer.plain(BuiltInMails.sms(kind, list.language()), values), null);
        }
        MailTemplate.Rendered mail = withFooter(own.orElseGet(() -> BuiltInMails.of(kind, list.language()))
                .render(values), brand, list);
        return new Content(mail.subject(), mail.text(), mail.html());
    }

    /** A rendered mail with the controller's footer of the list's brand ({@code brand}, null: none) in both parts. */
    static MailTemplate.Rendered withFooter(MailTemplate.Rendered mail, BrandIdentity brand, ListInfo list) {
        MailFooter footer = ControllerFooters.footer(brand, PublicTexts.of(list.language()));
        return new MailTemplate.Rendered(mail.subject(), footer.intoHtml(mail.html()), footer.afterText(mail.text()));
    }

    /**
     * What a mail's placeholders stand for: the list's name, the link, the name the mail speaks in: the brand's
     * (as the From line says), or the list's own for a list without a brand record (as its pages' tops do), and the
     * data controller's facts as the footer names them (empty where the brand record has none, or there is none).
     */
    static Map<String, String> values(ListInfo list, BrandIdentity brand, MailKind kind, String link) {
        String brandName = brand == null || brand.displayName() == null || brand.displayName().isBlank()
                ? list.name() : brand.displayName();
        return Map.of(MailKind.LIST_NAME, plain(list.name()), MailKind.BRAND_NAME, plain(brandName),
                MailKind.CONTROLLER_NAME, ControllerFooters.controllerName(brand),
                MailKind.CONTROLLER_ADDRESS, brand == null ? "" : plain(brand.controllerAddress()),
                MailKind.CONTROLLER_EMAIL, brand == null ? "" : plain(brand.privacyContact()),
                MailKind.PRIVACY_URL, ControllerFooters.privacyUrl(brand), kind.link(), link);
    }

    /** List names come from marketers: no control character reaches a subject line. */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            if (isLineOrControl(text.charAt(i))) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = ' ';
            }
        }
        return (chars == null ? text : new String(chars)).strip();
    }

    /** What {@code [\\p{Cntrl}\\u0085\\u2028\\u2029]} matches (ASCII controls, NEL, the line and paragraph separators). */
    static boolean isLineOrControl(char c) {
        return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
    }
}
