package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.StaffMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** {@link StaffMail} straight through the configured relay (or the embedded development server). */
@Component
class RelayStaffMail implements StaffMail {

    private final JavaMailSender sender;
    private final String from;

    RelayStaffMail(JavaMailSender sender, @Value("${consentflow.mail.from}") String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(String to, String subject, String text) {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject(subject);
        mail.setText(text);
        sender.send(mail);
    }

    @Override
    public void send(String to, OutboundMessage.Content content) {
        try {
            MimeMessage mail = sender.createMimeMessage();
            MimeMessageHelper parts = new MimeMessageHelper(mail, true, "UTF-8");
            parts.setFrom(from);
            parts.setTo(to);
            parts.setSubject(content.subject());
            parts.setText(content.text(), content.html());
            sender.send(mail);
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
    }
}
