package dev.consentflow.dispatch.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

/**
 * Bounce reports as real senders write them: a Postfix DSN (RFC 3464, multipart/report with
 * message/delivery-status and the returned message's headers) and a mailbox provider's ARF complaint (RFC 5965,
 * multipart/report with message/feedback-report and the original message), in their raw form.
 */
public final class BounceMail {

    private BounceMail() {
    }

    /** A DSN for one recipient, sent to {@code returnPath}, about the message {@code messageId}. */
    public static String dsn(String returnPath, UUID messageId, String action, String status, String diagnostic) {
        String boundary = "B" + UUID.randomUUID();
        return String.join("\r\n",
                "Return-Path: <>",
                "Received: by mx.example.net (Postfix) id 4XyZ1k2L3m; Sat,  5 Dec 2026 10:02:11 +0100 (CET)",
                "Date: Sat,  5 Dec 2026 10:02:11 +0100 (CET)",
                "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)",
                "Subject: Undelivered Mail Returned to Sender",
                "To: " + returnPath,
                "Auto-Submitted: auto-replied",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status;",
                "\tboundary=\"" + boundary + "\"",
                "Message-Id: <" + UUID.randomUUID() + "@mx.example.net>",
                "",
                "This is a MIME-encapsulated message.",
                "",
                "--" + boundary,
                "Content-Description: Notification",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "This is the mail system at host mx.example.net.",
                "",
                "I'm sorry to have to inform you that your message could not",
                "be delivered to one or more recipients.",
                "",
                "<anna@example.dk>: host mx.example.dk[192.0.2.25] said: " + diagnostic,
                "",
                "--" + boundary,
                "Content-Description: Delivery report",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.example.net",
                "X-Postfix-Queue-ID: 4XyZ1k2L3m",
                "X-Postfix-Sender: rfc822; " + returnPath,
                "Arrival-Date: Sat,  5 Dec 2026 10:02:09 +0100 (CET)",
                "",
                "Final-Recipient: rfc822; anna@example.dk",
                "Original-Recipient: rfc822;anna@example.dk",
                "Action: " + action,
                "Status: " + status,
                "Remote-MTA: dns; mx.example.dk",
                "Diagnostic-Code: smtp; " + diagnostic,
                "Last-Attempt-Date: Sat,  5 Dec 2026 10:02:11 +0100 (CET)",
                "",
                "--" + boundary,
                "Content-Description: Undelivered Message Headers",
                "Content-Type: text/rfc822-headers",
                "",
                "Return-Path: <" + returnPath + ">",
                "Message-ID: <" + messageId + "@localhost>",
                "From: Consentflow <noreply@localhost>",
                "To: anna@example.dk",
                "Subject: Our November offer",
                "",
                "--" + boundary + "--",
                "");
    }

    /** An ARF abuse report from {@code provider}, about the message {@code messageId} sent with {@code returnPath}. */
    public static String complaint(String provider, String returnPath, UUID messageId) {
        String boundary = "part1_13d.2e68ed54_" + UUID.randomUUID();
        return String.join("\r\n",
                "From: <staff@" + provider + ">",
                "Date: Sat, 5 Dec 2026 14:00:00 +0000",
                "Subject: FW: Our November offer",
                "To: <abuse@localhost>",
                "Message-ID: <" + UUID.randomUUID() + "@" + provider + ">",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=feedback-report;",
                "     boundary=\"" + boundary + "\"",
                "",
                "--" + boundary,
                "Content-Type: text/plain; charset=\"US-ASCII\"",
                "Content-Transfer-Encoding: 7bit",
                "",
                "This is an email abuse report for an email message",
                "received from IP 192.0.2.1 on Sat, 5 Dec 2026 13:58:00 +0000.",
                "For more information about this format please see",
                "https://www.rfc-editor.org/rfc/rfc5965.",
                "",
                "--" + boundary,
                "Content-Type: message/feedback-report",
                "",
                "Feedback-Type: abuse",
                "User-Agent: SomeGenerator/1.0",
                "Version: 1",
                "Original-Mail-From: <" + returnPath + ">",
                "Arrival-Date: Sat, 5 Dec 2026 13:58:00 +0000",
                "Source-IP: 192.0.2.1",
                "Reported-Domain: localhost",
                "",
                "--" + boundary,
                "Content-Type: message/rfc822",
                "Content-Disposition: inline",
                "",
                "Return-Path: <" + returnPath + ">",
                "Received: from mailserver.example.net (mailserver.example.net [192.0.2.1])",
                "        by example.com with ESMTP id M63d4137594e46;",
                "        Sat, 5 Dec 2026 13:58:00 +0000",
                "From: <noreply@localhost>",
                "To: <Undisclosed Recipients>",
                "Subject: Our November offer",
                "MIME-Version: 1.0",
                "Content-type: text/plain",
                "Message-ID: <" + messageId + "@localhost>",
                "Date: Sat, 5 Dec 2026 13:57:00 +0000",
                "",
                "Body of the reported message (providers often redact it).",
                "",
                "--" + boundary + "--",
                "");
    }

    public static MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }
}
