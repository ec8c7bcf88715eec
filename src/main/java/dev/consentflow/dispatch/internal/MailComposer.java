package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.Sender;
import dev.consentflow.dispatch.SenderDirectory;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of one outbox row: From {@code consentflow.mail.from}, or the list's brand sender (with
 * its Reply-To) when the {@link SenderDirectory} names one, a Message-ID on our domain made from the row's id, the
 * list headers of RFC 2369, 2919 and 8058, and a DKIM signature: the brand's key, else the global one when
 * configured. Every header value passes through {@link HeaderValues} and Jakarta Mail's encoding (display names
 * by RFC 2047), so no value can add a header.
 *
 * <p>The body's bytes are made here, once, as Jakarta Mail would write them (same headers, same transfer encoding
 * by the same rule, same encoders), and handed to the message as its raw content: Jakarta Mail would otherwise
 * look up a content handler, scan the text to choose its encoding, and parse content types, per part and per
 * message, and then write the text through the handler again. What is the same for every message (the global
 * From header, the Date within a second) is made once.
 */
@Component
class MailComposer {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final String CHARSET = StandardCharsets.UTF_8.name();
    static final String POSTMARK_METADATA = "X-PM-Metadata-consentflow-message";

    private final InternetAddress from;
    /** The global From header's value, folded once. */
    private final String fromHeader;
    private final String messageIdDomain;
    private final DkimSigning dkim;
    private final ObjectProvider<SenderDirectory> senders;
    /** The directory once looked up: asking Spring for it was 7 % of a mail thread's CPU when done per message. */
    private volatile Optional<SenderDirectory> directory;

    MailComposer(String from, String publicUrl, DkimSigning dkim) {
        this(from, publicUrl, dkim, null);
    }

    @Autowired
    MailComposer(@Value("${consentflow.mail.from}") String from, @Value("${consentflow.public-url}") String publicUrl,
                 DkimSigning dkim, ObjectProvider<SenderDirectory> senders) {
        this.from = parseFrom(from);
        this.fromHeader = fold("From", this.from.toString());
        this.messageIdDomain = messageIdDomain(publicUrl, this.from);
        this.dkim = dkim;
        this.senders = senders;
    }

    /** The brand sender of the row's list, or empty for the global one. */
    Optional<Sender> senderOf(OutboxRow row) {
        Optional<SenderDirectory> found = directory;
        if (found == null) {
            found = Optional.ofNullable(senders == null ? null : senders.getIfAvailable());
            directory = found;
        }
        return found.isEmpty() || row.subscriptionId() == null ? Optional.empty()
                : found.get().senderOf(row.account(), row.subscriptionId());
    }

    /** @throws AddressException when the recipient's address cannot be a mail address (it is never sent) */
    MimeMessage compose(Session session, UUID messageId, Letter letter, String listId, Recipient recipient)
            throws MessagingException {
        return compose(session, messageId, letter, listId, recipient, Optional.empty());
    }

    /** As {@link #compose(Session, UUID, Letter, String, Recipient)}, From and signed as {@code sender} says. */
    MimeMessage compose(Session session, UUID messageId, Letter letter, String listId, Recipient recipient,
                        Optional<Sender> sender) throws MessagingException {
        OutgoingMessage message = new OutgoingMessage(session, "<" + messageId + "@" + messageIdDomain + ">");
        // toString() encodes display names by RFC 2047 always; the session's allowutf8 (for SMTPUTF8 recipients)
        // would put them raw into the header, which only an SMTPUTF8 relay may carry.
        message.setHeader("From", sender.isPresent()
                ? fold("From", address(sender.get().fromName(), sender.get().fromAddress()).toString()) : fromHeader);
        if (sender.isPresent() && sender.get().replyTo() != null) {
            message.setHeader("Reply-To", fold("Reply-To", address(null, sender.get().replyTo()).toString()));
        }
        message.setRecipient(MimeMessage.RecipientType.TO, recipientAddress(recipient));
        message.setSubject(HeaderValues.text(letter.subject()), CHARSET);
        message.setHeader("Date", SentDate.now());
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
        MimeMessage signed = dkim.sign(message, sender.map(Sender::dkim).orElse(null));
        return signed == message ? message : signedNow(session, signed);
    }

    /**
     * The signed message as it goes out, signed now: a DKIM message signs itself while it is written, which on the
     * relay's connection is after DATA, once its row's start is committed; signed here, the signature is made while
     * the start commits (the mail thread builds the message meanwhile), and DATA writes the same bytes.
     */
    private static MimeMessage signedNow(Session session, MimeMessage signed) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            signed.writeTo(out);
            return new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new MessagingException("the signed message could not be written", e);
        }
    }

    /**
     * Text and HTML as multipart/alternative, or the one there is, as {@code setText} and {@code MimeMultipart}
     * would write them (see {@link Body}).
     */
    private static void setBody(OutgoingMessage message, Letter letter) throws MessagingException {
        boolean text = letter.text() != null && !letter.text().isBlank();
        boolean html = letter.html() != null && !letter.html().isBlank();
        try {
            if (text && html) {
                String boundary = Body.boundary();
                ByteArrayOutputStream out = new ByteArrayOutputStream(
                        2 * (letter.text().length() + letter.html().length()) + 512);
                Body.line(out, "--" + boundary);
                Body.part(out, letter.text(), "plain");
                Body.line(out, "");
                Body.line(out, "--" + boundary);
                Body.part(out, letter.html(), "html");
                Body.line(out, "");
                Body.line(out, "--" + boundary + "--");
                message.setBody(Body.alternativeType(boundary), null, out.toByteArray());
            } else {
                String subtype = html ? "html" : "plain";
                byte[] bytes = (html ? letter.html() : letter.text() == null ? "" : letter.text())
                        .getBytes(StandardCharsets.UTF_8);
                String encoding = Body.transferEncoding(bytes);
                message.setBody(Body.textType(subtype), encoding, Body.encode(bytes, encoding));
            }
        } catch (IOException e) {
            throw new MessagingException("the body could not be encoded", e);
        }
    }

    /** A body's bytes as Jakarta Mail writes them. */
    static final class Body {
        private static final AtomicInteger PARTS = new AtomicInteger();

        private Body() {
        }

        /** As Jakarta Mail's own boundaries: unique within this process, and unlikely in any text. */
        static String boundary() {
            return "----=_Part_" + PARTS.getAndIncrement() + "_" + ThreadLocalRandom.current().nextInt(1 << 30)
                    + "." + System.currentTimeMillis();
        }

        /**
         * The Content-Type {@code multipart/alternative} with this boundary as {@link ContentType#toString()} writes
         * it, without its parameter list's parsing, quoting and folding per message (7 % of a mail thread's JFR
         * samples): the value quoted (a boundary of {@link #boundary()} holds '=' and never '"' or '\\'), and moved
         * to a continuation line when the header would pass 76 characters, as its ParameterList does.
         */
        static String alternativeType(String boundary) {
            String value = "\"" + boundary + "\"";
            // "Content-Type: multipart/alternative" and "; " are 37 characters, then boundary=value.
            return 37 + "boundary".length() + 1 + value.length() > 76
                    ? "multipart/alternative; \r\n\tboundary=" + value : "multipart/alternative; boundary=" + value;
        }

        /** The Content-Type {@code setText(text, "UTF-8", subtype)} gives. */
        static String textType(String subtype) {
            return "text/" + subtype + "; charset=" + CHARSET;
        }

        /** A text body part: its two headers, a blank line, its encoded text (MimeBodyPart's writeTo). */
        static void part(OutputStream out, String text, String subtype) throws IOException, MessagingException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            String encoding = transferEncoding(bytes);
            line(out, "Content-Type: " + textType(subtype));
            line(out, "Content-Transfer-Encoding: " + encoding);
            line(out, "");
            out.write(encode(bytes, encoding));
        }

        static void line(OutputStream out, String line) throws IOException {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
        }

        /** The text's bytes in this transfer encoding, by Jakarta Mail's own encoders. */
        static byte[] encode(byte[] bytes, String encoding) throws IOException, MessagingException {
            if ("7bit".equals(encoding)) {
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3 / 2 + 64);
            OutputStream encoder = MimeUtility.encode(out, encoding);
            encoder.write(bytes);
            encoder.flush();
            return out.toByteArray();
        }

        /**
         * The transfer encoding Jakarta Mail chooses for a text of these bytes ({@code MimeUtility.getEncoding}):
         * 7bit when every byte is ASCII, and no line is longer than 998 bytes; else quoted-printable, unless more
         * bytes are not ASCII than are (base64). Not ASCII: 0x7F and above, and control characters but CR, LF
         * and tab.
         */
        static String transferEncoding(byte[] bytes) {
            int ascii = 0;
            int other = 0;
            int line = 0;
            boolean longLine = false;
            for (byte value : bytes) {
                int b = value & 0xff;
                if (b == '\r' || b == '\n') {
                    line = 0;
                } else if (++line > 998) {
                    longLine = true;
                }
                if (b >= 0x7f || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
                    other++;
                } else {
                    ascii++;
                }
            }
            if (other == 0) {
                return longLine ? "quoted-printable" : "7bit";
            }
            return other > ascii ? "base64" : "quoted-printable";
        }
    }

    /**
     * The Date header as {@code setSentDate} writes it; messages of the same second share the text, formatted once
     * (MimeMessage formats with one shared, locked formatter per message).
     */
    static final class SentDate {
        private static volatile SentDate current;
        private final long second;
        private final String text;

        private SentDate(long second, String text) {
            this.second = second;
            this.text = text;
        }

        static String now() {
            long second = System.currentTimeMillis() / 1000;
            SentDate cached = current;
            if (cached == null || cached.second != second) {
                cached = new SentDate(second, new MailDateFormat().format(new Date(second * 1000)));
                current = cached;
            }
            return cached.text;
        }
    }

    private static InternetAddress recipientAddress(Recipient recipient) throws AddressException {
        String address = recipient == null ? null : recipient.address();
        if (address == null || !HeaderValues.isClean(address) || address.length() > 254) {
            throw new AddressException("not a mail address");
        }
        String plain = address.strip();
        // Jakarta Mail's strict check knows no SMTPUTF8 local parts: it checks the ASCII shape, the address stays.
        InternetAddress parsed = new InternetAddress(asciiShape(plain), true);
        if (parsed.getPersonal() != null || parsed.isGroup() || !parsed.getAddress().contains("@")) {
            throw new AddressException("not a single plain mail address");
        }
        if (isAscii(plain)) {
            return parsed;
        }
        InternetAddress utf8 = new InternetAddress();
        utf8.setAddress(plain);
        return utf8;
    }

    /** Whether an address can go through any relay, or needs SMTPUTF8 (RFC 6531). */
    static boolean isAscii(String address) {
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Letters and marks beyond ASCII stand in as {@code x}, so the strict parser checks everything else. */
    private static String asciiShape(String address) {
        StringBuilder shape = new StringBuilder(address.length());
        address.codePoints().forEach(c -> shape.append(c < 0x80 ? (char) c
                : Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                        || Character.getType(c) == Character.COMBINING_SPACING_MARK ? 'x' : ' '));
        return shape.toString();
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

    /** A brand's address, checked when the brand was saved; checked again, the header must never break. */
    private static InternetAddress address(String name, String address) throws MessagingException {
        if (!HeaderValues.isClean(address)) {
            throw new AddressException("line break in the brand's sender");
        }
        InternetAddress parsed = new InternetAddress(address.strip(), true);
        if (name != null && !name.isBlank()) {
            try {
                parsed.setPersonal(HeaderValues.text(name), CHARSET);
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return parsed;
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

    /**
     * Keeps the Message-ID we chose: Jakarta Mail would otherwise make one from this machine's host name. Its body
     * is given as the bytes it is written as ({@link #setBody}).
     */
    private static final class OutgoingMessage extends MimeMessage {
        private final String messageId;
        private boolean rawBody;

        OutgoingMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        /** The body as written, with its Content-Type and, unless null, Content-Transfer-Encoding. */
        void setBody(String contentType, String encoding, byte[] bytes) throws MessagingException {
            setHeader("Content-Type", contentType);
            if (encoding != null) {
                setHeader("Content-Transfer-Encoding", encoding);
            }
            content = bytes;
            rawBody = true;
        }

        /**
         * As MimeMessage's, without asking the body for its headers: they are set, and a multipart body would be
         * parsed back into its parts only to answer that.
         */
        @Override
        protected synchronized void updateHeaders() throws MessagingException {
            if (!rawBody) {
                super.updateHeaders();
                return;
            }
            setHeader("MIME-Version", "1.0");
            if (getHeader("Date") == null) {
                setHeader("Date", SentDate.now());
            }
            updateMessageID();
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
