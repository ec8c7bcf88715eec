package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.FeedbackEvent;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message of the bounce mailbox as what it reports:
 * <ul>
 * <li>a DSN (RFC 3464: {@code multipart/report; report-type=delivery-status} with a {@code message/delivery-status}
 * part, or RFC 6533's {@code message/global-delivery-status}): the first recipient whose {@code Action} is
 * {@code failed} or {@code delayed}, its {@code Status} (RFC 3463) {@code 5.x.x} a hard bounce, {@code 4.x.x} a
 * soft one; {@code delivered}, {@code relayed} and {@code expanded} reports change nothing;</li>
 * <li>an ARF report (RFC 5965: {@code multipart/report; report-type=feedback-report} with a
 * {@code message/feedback-report} part): {@code Feedback-Type: abuse} is a complaint, from the provider whose
 * domain sent the report; its {@code Original-Mail-From} names our message too.</li>
 * </ul>
 * The message is found by the VERP token of the address the report was sent to ({@code To}, {@code Delivered-To},
 * {@code X-Original-To}, {@code Envelope-To}), else by the attached original's {@code Return-Path}, else by its
 * {@code Message-ID <uuid@domain>}. Anything else is {@link Aside}: kept, never lost.
 */
final class BounceReports {

    static final String SOURCE = "mailbox";
    private static final Pattern STATUS = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile(
            "<([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@[A-Za-z0-9.-]+>");
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");
    private static final int MAX_REPORT_BYTES = 64 * 1024;
    private static final String[] ADDRESSED_TO = {"To", "Delivered-To", "X-Original-To", "Envelope-To",
            "X-Envelope-To"};

    /** What one mailbox message comes to. */
    sealed interface Report permits Feedback, NoEffect, Aside {
    }

    /** A bounce or a complaint about one of our messages. */
    record Feedback(FeedbackEvent event) implements Report {
    }

    /** A report that changes nothing (a successful delivery, a relayed notice): deleted. */
    record NoEffect(String why) implements Report {
    }

    /** Not a report we understand, or about no message of ours: moved aside, logged. */
    record Aside(String why) implements Report {
    }

    private final ReturnPaths returnPaths;

    BounceReports(ReturnPaths returnPaths) {
        this.returnPaths = returnPaths;
    }

    Report read(MimeMessage message) throws MessagingException, IOException {
        Optional<Part> report = findReport(message, 0);
        if (report.isEmpty()) {
            return new Aside("not a multipart/report");
        }
        Part reportPart = report.get();
        String type = new ContentType(reportPart.getContentType()).getParameter("report-type");
        // Parsed as a plain multipart: Angus's own multipart/report handler knows no feedback-report.
        Multipart parts = new MimeMultipart(new ByteArrayDataSource(reportPart.getInputStream(),
                reportPart.getContentType()));
        if ("delivery-status".equalsIgnoreCase(type)) {
            return deliveryStatus(message, parts);
        }
        if ("feedback-report".equalsIgnoreCase(type)) {
            return feedbackReport(message, parts);
        }
        return new Aside("a report of type " + type);
    }

    private Report deliveryStatus(MimeMessage message, Multipart parts) throws MessagingException, IOException {
        BodyPart status = part(parts, "message/delivery-status", "message/global-delivery-status");
        if (status == null) {
            return new Aside("a delivery-status report without its message/delivery-status part");
        }
        List<InternetHeaders> blocks = headerBlocks(status.getInputStream());
        for (InternetHeaders recipient : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            String action = field(recipient, "Action").toLowerCase(Locale.ROOT);
            Matcher code = STATUS.matcher(field(recipient, "Status"));
            if (!code.find()) {
                continue;
            }
            if (!action.equals("failed") && !action.equals("delayed")) {
                return new NoEffect("a DSN with action " + action);
            }
            FeedbackEvent.Kind kind = switch (code.group(1)) {
                case "5" -> FeedbackEvent.Kind.HARD_BOUNCE;
                case "4" -> FeedbackEvent.Kind.SOFT_BOUNCE;
                default -> null;
            };
            if (kind == null) {
                return new NoEffect("a DSN with status " + code.group());
            }
            Optional<UUID> about = messageOf(message, parts);
            if (about.isEmpty()) {
                return new Aside("a DSN about no message of ours");
            }
            String diagnostic = (code.group() + " " + field(recipient, "Diagnostic-Code")).strip();
            Instant at = date(field(recipient, "Last-Attempt-Date")).orElseGet(() -> sent(message));
            return new Feedback(new FeedbackEvent(about.get(), kind, SOURCE, eventId(message), diagnostic, at));
        }
        return new Aside("a DSN without a recipient's Action and Status");
    }

    private Report feedbackReport(MimeMessage message, Multipart parts) throws MessagingException, IOException {
        BodyPart feedback = part(parts, "message/feedback-report");
        if (feedback == null) {
            return new Aside("a feedback report without its message/feedback-report part");
        }
        List<InternetHeaders> blocks = headerBlocks(feedback.getInputStream());
        String type = blocks.isEmpty() ? "" : field(blocks.get(0), "Feedback-Type").toLowerCase(Locale.ROOT);
        if (!type.equals("abuse")) {
            return new Aside("a feedback report of type '" + type + "'");
        }
        Optional<UUID> about = returnPaths.messageIn(field(blocks.get(0), "Original-Mail-From"))
                .or(() -> messageOfUnchecked(message, parts));
        if (about.isEmpty()) {
            return new Aside("a complaint about no message of ours");
        }
        Instant at = date(field(blocks.get(0), "Arrival-Date")).orElseGet(() -> sent(message));
        return new Feedback(new FeedbackEvent(about.get(), FeedbackEvent.Kind.COMPLAINT, SOURCE, eventId(message),
                type + " from " + provider(message), at));
    }

    private Optional<UUID> messageOfUnchecked(MimeMessage message, Multipart parts) {
        try {
            return messageOf(message, parts);
        } catch (MessagingException | IOException e) {
            return Optional.empty();
        }
    }

    /** The VERP token the report was addressed to, or the original's Return-Path, or its Message-ID. */
    private Optional<UUID> messageOf(MimeMessage message, Multipart parts) throws MessagingException, IOException {
        for (String header : ADDRESSED_TO) {
            String[] values = message.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                Optional<UUID> found = returnPaths.messageIn(value);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        BodyPart original = part(parts, "message/rfc822", "text/rfc822-headers", "message/global",
                "message/global-headers");
        if (original == null) {
            return Optional.empty();
        }
        InternetHeaders headers = new InternetHeaders(original.getInputStream());
        Optional<UUID> byReturnPath = returnPaths.messageIn(field(headers, "Return-Path"));
        if (byReturnPath.isPresent()) {
            return byReturnPath;
        }
        Matcher id = OUR_MESSAGE_ID.matcher(field(headers, "Message-ID"));
        return id.find() ? Optional.of(UUID.fromString(id.group(1))) : Optional.empty();
    }

    /** The report itself, or the first one nested in a multipart (some forwarders wrap it). */
    private static Optional<Part> findReport(Part part, int depth) throws MessagingException, IOException {
        if (part.isMimeType("multipart/report")) {
            return Optional.of(part);
        }
        if (depth < 3 && part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<Part> found = findReport(multipart.getBodyPart(i), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static BodyPart part(Multipart parts, String... types) throws MessagingException {
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            for (String type : types) {
                if (part.isMimeType(type)) {
                    return part;
                }
            }
        }
        return null;
    }

    /** The blank-line separated field blocks of a delivery-status or feedback-report body (RFC 3464, 2.1). */
    static List<InternetHeaders> headerBlocks(InputStream body) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in.readNBytes(MAX_REPORT_BYTES);
        }
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : BLANK_LINE.split(new String(bytes, StandardCharsets.UTF_8))) {
            if (!block.isBlank() && blocks.size() < 100) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream(
                        (block.strip() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        return blocks;
    }

    private static String field(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static String provider(MimeMessage message) throws MessagingException {
        try {
            String from = ((InternetAddress) message.getFrom()[0]).getAddress();
            String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            return domain.matches("[a-z0-9.-]{1,100}") ? domain : "unknown";
        } catch (RuntimeException | MessagingException e) {
            return "unknown";
        }
    }

    /** The mailbox message's own Message-ID, or a digest of it: what makes it the same report when read again. */
    static String eventId(MimeMessage message) throws MessagingException, IOException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank() && id.length() <= 200) {
            return id.strip();
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Instant> date(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailDateFormat().parse(value).toInstant());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Instant sent(MimeMessage message) {
        try {
            return message.getSentDate() == null ? Instant.now() : message.getSentDate().toInstant();
        } catch (MessagingException e) {
            return Instant.now();
        }
    }
}
