package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a relay configured the development outbox does not exist, even for a request from this machine. */
@IntegrationTest
class DevOutboxWithRelayIT {

    static final GreenMail relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
            .dynamicPort());

    static {
        relay.start();
    }

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> relay.getSmtp().getPort());
    }

    @AfterAll
    static void stopRelay() {
        relay.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void theMailboxAndTheSmsOutboxAnswerNotFound() {
        Api anonymous = Api.at(port);

        for (String path : new String[] {"/dev/mailbox", "/dev/sms"}) {
            Api.Answer json = anonymous.get(path, Map.of("Accept", "application/json"));
            assertThat(json.status()).as(path).isEqualTo(404);
            assertThat(json.contentType()).as(path).startsWith("application/problem+json");
            assertThat(json.json().get("status").asInt()).isEqualTo(404);
            assertThat(anonymous.get(path, Map.of("Accept", "text/html")).status()).as(path).isEqualTo(404);
            assertThat(anonymous.as(Api.ADMIN_KEY).get(path).status()).as(path).isEqualTo(404);
        }
    }
}
