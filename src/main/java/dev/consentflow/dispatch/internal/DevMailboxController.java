package dev.consentflow.dispatch.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /dev/mailbox}: every mail the development SMTP server received, newest first, as JSON or a page; only in
 * the developer's run and only over loopback ({@link DevOutbox}).
 */
@RestController
@ConditionalOnExpression(DevOutbox.MAILBOX)
class DevMailboxController {

    private final GreenMail server;

    DevMailboxController(GreenMail server) {
        this.server = server;
    }

    record Mail(String messageId, String from, List<String> to, String subject, Instant receivedAt,
                Map<String, String> headers, String body) {
    }

    @GetMapping(value = "/dev/mailbox", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Mail> json(HttpServletRequest request) throws MessagingException {
        DevOutbox.requireLoopback(request);
        MimeMessage[] messages = server.getReceivedMessages();
        List<Mail> mails = new ArrayList<>(messages.length);
        for (int i = messages.length - 1; i >= 0; i--) {
            mails.add(toMail(messages[i]));
        }
        return mails;
    }

    @GetMapping(value = "/dev/mailbox", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request) throws MessagingException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Development mailbox</title>
                <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
                article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}</style></head><body>
                <h1>Development mailbox</h1>
                <p>Every mail sent while no SPRING_MAIL_HOST is set, newest first. JSON: <code>Accept: application/json</code>.</p>
                """);
        for (Mail mail : json(request)) {
            html.append("<article><h2>").append(HtmlUtils.htmlEscape(nullToEmpty(mail.subject()))).append("</h2>")
                    .append("<p>From ").append(HtmlUtils.htmlEscape(nullToEmpty(mail.from())))
                    .append(" to ").append(HtmlUtils.htmlEscape(String.join(", ", mail.to())))
                    .append(", ").append(mail.receivedAt()).append("</p><pre>")
                    .append(HtmlUtils.htmlEscape(mail.body())).append("</pre></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static Mail toMail(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<jakarta.mail.Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            jakarta.mail.Header header = all.nextElement();
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + "\n" + b);
        }
        Address[] from = message.getFrom();
        Address[] to = message.getAllRecipients();
        return new Mail(message.getMessageID(),
                from == null || from.length == 0 ? null : from[0].toString(),
                to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                message.getSubject(),
                message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant(),
                headers,
                GreenMailUtil.getBody(message));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
