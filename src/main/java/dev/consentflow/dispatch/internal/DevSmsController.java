package dev.consentflow.dispatch.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /dev/sms}: every SMS "sent" while no gateway is configured, newest first, as JSON; only in the developer's
 * run and only over loopback ({@link DevOutbox}).
 */
@RestController
@ConditionalOnExpression(DevOutbox.SMS)
class DevSmsController {

    private final DevSmsOutbox outbox;

    DevSmsController(DevSmsOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping(value = "/dev/sms", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DevSmsOutbox.Sms> messages(HttpServletRequest request) {
        DevOutbox.requireLoopback(request);
        return outbox.messages();
    }
}
