package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Recipient;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of one outbox row: From {@code consentflow.mail.from}, a Message-ID on our domain made
 * from the row's id, the list headers of RFC 2369, 2919 and 8058, and a DKIM signature when configured. Every
 * header value passes through {@link HeaderValues} and Jakarta Mail's encoding, so no value can add a header.
 */
@Component
class MailComposer {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final String CHARSET = StandardCharsets.UTF_8.name();
    static final String POSTMARK_METADATA = "X-PM-Metadata-consentflow-message";

    private final InternetAddress from;
    private final String messageIdDomain;
    private final DkimSigning dkim;

    MailComposer(@Value("${consentflow.mail.from}") String from, @Value("${consentflow.public-url}") String publicUrl,
                 DkimSigning dkim) {
        this.from = parseFrom(from);
        this.messageIdDomain = messageIdDomain(publicUrl, this.from);
        this.dkim = dkim;
    }

    /** @throws AddressException when the recipient's address cannot be a mail address (it is never sent) */
    MimeMessage compose(Session session, UUID messageId, Letter letter, String listId, Recipient recipient)
            throws MessagingException {
        OutgoingMessage message = new OutgoingMessage(session, "<" + messageId + "@" + messageIdDomain + ">");
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, recipientAddress(recipient));
        message.setSubject(HeaderValues.text(letter.subject()), CHARSET);
        message.setSentDate(new Date());
        // Postmark echoes X-PM-Metadata-* in its bounce and complaint webhooks, but not the Message-ID.
        message.setHeader(POSTMARK_METADATA, messageId.toString());
        if (letter.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", fold("List-Unsubscribe", "<" + safeUrl(letter.unsubscribeUrl()) + ">"));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (listId != null) {
            message.setHeader("List-Id", "<" + HeaderValues.text(listId) + ">");
        }
        setBody(message, letter);
        message.saveChanges();
        return dkim.sign(message);
    }

    private static void setBody(MimeMessage message, Letter letter) throws MessagingException {
        boolean text = letter.text() != null && !letter.text().isBlank();
        boolean html = letter.html() != null && !letter.html().isBlank();
        if (text && html) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(letter.text(), CHARSET);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(letter.html(), CHARSET, "html");
            message.setContent(new MimeMultipart("alternative", plain, rich));
        } else if (html) {
            message.setText(letter.html(), CHARSET, "html");
        } else {
            message.setText(letter.text() == null ? "" : letter.text(), CHARSET);
        }
    }

    private static InternetAddress recipientAddress(Recipient recipient) throws AddressException {
        String address = recipient == null ? null : recipient.address();
        if (address == null || !HeaderValues.isClean(address) || address.length() > 254) {
            throw new AddressException("not a mail address");
        }
        InternetAddress parsed = new InternetAddress(address.strip(), true);
        if (parsed.getPersonal() != null || parsed.isGroup() || !parsed.getAddress().contains("@")) {
            throw new AddressException("not a single plain mail address");
        }
        return parsed;
    }

    private static String safeUrl(String url) {
        // Checked at enqueue; checked again because the header must never break whatever was stored.
        if (!HeaderValues.isClean(url) || url.contains(" ") || url.contains(">") || url.contains("<")) {
            throw new IllegalStateException("unsubscribe URL is not header-safe");
        }
        return url;
    }

    private static String fold(String name, String value) {
        return MimeUtility.fold(name.length() + 2, value);
    }

    private static InternetAddress parseFrom(String configured) {
        try {
            if (!HeaderValues.isClean(configured)) {
                throw new AddressException("line break in the sender");
            }
            InternetAddress parsed = new InternetAddress(configured, true);
            parsed.setPersonal(parsed.getPersonal() == null ? null : HeaderValues.text(parsed.getPersonal()), CHARSET);
            return parsed;
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("CONSENTFLOW_MAIL_FROM is not a valid sender: " + e.getMessage(), e);
        }
    }

    /** Our public host, or else the sender's domain: never a relay's or this machine's host name. */
    static String messageIdDomain(String publicUrl, InternetAddress from) {
        try {
            String host = URI.create(publicUrl).getHost();
            if (host != null && HOST_NAME.matcher(host).matches()) {
                return host.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the sender's domain
        }
        String address = from.getAddress();
        String domain = address.substring(address.indexOf('@') + 1);
        return HOST_NAME.matcher(domain).matches() ? domain.toLowerCase(Locale.ROOT) : "localhost";
    }

    /** Keeps the Message-ID we chose: Jakarta Mail would otherwise make one from this machine's host name. */
    private static final class OutgoingMessage extends MimeMessage {
        private final String messageId;

        OutgoingMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
