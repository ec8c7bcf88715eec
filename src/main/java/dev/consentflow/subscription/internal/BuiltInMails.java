package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import org.springframework.web.util.HtmlUtils;

/**
 * The built-in wording of a list's mails in its language, as templates with the same placeholders an account's
 * own wording has: what {@code GET .../messages/{kind}} answers while nothing is overridden, and what is
 * sent. Every mail has a text part and an HTML part saying the same (an HTML-only mail reads as spam), a
 * {@code lang} and a title.
 */
final class BuiltInMails {

    private BuiltInMails() {
    }

    static MailTemplate of(MailKind kind, String language) {
        PublicTexts t = PublicTexts.of(language);
        return switch (kind) {
            case CONFIRMATION, REMINDER -> confirmation(t, kind == MailKind.REMINDER);
            case RESUBSCRIPTION -> resubscription(t);
            case WELCOME -> welcome(t);
        };
    }

    /** The SMS of a kind: one line with the list's name and the link. */
    static String sms(MailKind kind, String language) {
        return PublicTexts.of(language).text("sms." + kind.code());
    }

    private static MailTemplate confirmation(PublicTexts t, boolean reminder) {
        String subject = t.text(reminder ? "mail.reminder.subject" : "mail.confirmation.subject");
        String text = t.text("mail.hello") + "\n\n" + t.text("mail.confirmation.intro") + " "
                + t.text("mail.confirmation.how") + "\n\n{{confirmUrl}}\n\n" + t.text("mail.confirmation.ignore") + "\n";
        String html = open(t, subject)
                + "<p>" + t.html("mail.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.confirmation.intro")) + "</p>\n"
                + "<p><a href=\"{{confirmUrl}}\">" + t.html("mail.confirmation.button") + "</a></p>\n"
                + "<p>" + t.html("mail.confirmation.ignore") + "</p>\n" + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    private static MailTemplate resubscription(PublicTexts t) {
        String subject = t.text("mail.resubscription.subject");
        String text = t.text("mail.hello") + "\n\n" + t.text("mail.resubscription.intro") + " "
                + t.text("mail.resubscription.erased") + "\n\n" + t.text("mail.confirmation.how")
                + "\n\n{{confirmUrl}}\n\n" + t.text("mail.resubscription.ignore") + "\n";
        String html = open(t, subject)
                + "<p>" + t.html("mail.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.resubscription.intro")) + "</p>\n"
                + "<p>" + t.html("mail.resubscription.erased") + "</p>\n"
                + "<p><a href=\"{{confirmUrl}}\">" + t.html("mail.resubscription.button") + "</a></p>\n"
                + "<p>" + t.html("mail.resubscription.ignore") + "</p>\n" + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    private static MailTemplate welcome(PublicTexts t) {
        String subject = t.text("mail.welcome.subject");
        String text = t.text("mail.welcome.hello") + "\n\n" + t.text("mail.welcome.text") + "\n\n"
                + t.text("mail.unsubscribe") + ": {{unsubscribeUrl}}\n";
        String html = open(t, subject)
                + "<p>" + t.html("mail.welcome.hello") + "</p>\n"
                + "<p>" + strongName(t.html("mail.welcome.text")) + "</p>\n"
                + "<p><a href=\"{{unsubscribeUrl}}\">" + t.html("mail.unsubscribe") + "</a></p>\n" + CLOSE;
        return new MailTemplate(subject, html, text);
    }

    private static final String CLOSE = "</body>\n</html>\n";

    private static String open(PublicTexts t, String subject) {
        return "<!doctype html>\n<html lang=\"" + t.language() + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + HtmlUtils.htmlEscape(subject, "UTF-8") + "</title>\n</head>\n<body>\n";
    }

    private static String strongName(String html) {
        return html.replace("{{listName}}", "<strong>{{listName}}</strong>");
    }
}
