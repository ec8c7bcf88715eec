package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.StaffMail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
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
}
