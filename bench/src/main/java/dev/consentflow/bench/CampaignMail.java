package dev.consentflow.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The campaign mail of the dispatch scenario: the template the server gets through POST /api/templates, and the
 * same mail rendered by hand for the raw ceiling, personalised, with tracking links, an open pixel and the
 * List-Unsubscribe headers of API.md section 4, as multipart/alternative text and HTML.
 */
final class CampaignMail {

    static final String SUBJECT = "Hi {{firstName}}, our November offer";
    static final String OFFER = "https://shop.example/november?utm_source=newsletter";
    static final String TEXT = """
            Hello {{firstName}},

            Our November offer is here: twenty per cent off everything in the shop until Sunday, and free
            shipping on orders over 50 euros. Read more and shop at %s

            You get this mail because you subscribed to our newsletter and confirmed it.
            """.formatted(OFFER);
    static final String HTML = """
            <!doctype html><html><body style="font-family:sans-serif">
            <h1>Hello {{firstName}},</h1>
            <p>Our November offer is here: <b>twenty per cent off</b> everything in the shop until Sunday, and free
            shipping on orders over 50 euros.</p>
            <p><a href="%s">Read more and shop</a></p>
            <p style="color:#777;font-size:small">You get this mail because you subscribed to our newsletter and
            confirmed it.</p>
            </body></html>
            """.formatted(OFFER);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CampaignMail() {
    }

    static Map<String, Object> template(String key) {
        return Map.of("key", key, "subject", SUBJECT, "html", HTML, "text", TEXT);
    }

    /** The mail as the server should send it to one recipient. */
    static MimeMessage render(Session session, String from, String to, String firstName, String publicUrl)
            throws MessagingException {
        String click = publicUrl + "/t/c/" + token();
        String open = publicUrl + "/t/o/" + token();
        String unsubscribe = publicUrl + "/u/" + token();
        String text = TEXT.replace("{{firstName}}", firstName).replace(OFFER, click)
                + "\nUnsubscribe: " + unsubscribe + "\n";
        String html = HTML.replace("{{firstName}}", firstName).replace(OFFER, click)
                .replace("</body>", "<p><a href=\"" + unsubscribe + "\">Unsubscribe</a></p>"
                        + "<img src=\"" + open + "\" width=\"1\" height=\"1\" alt=\"\"></body>");

        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(SUBJECT.replace("{{firstName}}", firstName), "UTF-8");
        message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        message.saveChanges();
        return message;
    }

    /** 128 random bits, as the server's tokens. */
    private static String token() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
