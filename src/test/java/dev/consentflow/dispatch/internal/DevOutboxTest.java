package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;

class DevOutboxTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(GreenMail.class, () -> new GreenMail(ServerSetup.SMTP))
            .withBean(DevSmsOutbox.class, () -> new DevSmsOutbox(1))
            .withUserConfiguration(DevMailboxController.class, DevSmsController.class);

    @Test
    void theOutboxExistsInTheRunWithoutConfiguration() {
        context.run(run -> {
            assertThat(run).hasSingleBean(DevMailboxController.class);
            assertThat(run).hasSingleBean(DevSmsController.class);
        });
    }

    @Test
    void anExternalDatabaseRemovesTheWholeOutbox() {
        context.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.org/consentflow").run(run -> {
            assertThat(run).doesNotHaveBean(DevMailboxController.class);
            assertThat(run).doesNotHaveBean(DevSmsController.class);
        });
    }

    @Test
    void aRelayRemovesTheWholeOutbox() {
        context.withPropertyValues("spring.mail.host=smtp.example.org").run(run -> {
            assertThat(run).doesNotHaveBean(DevMailboxController.class);
            assertThat(run).doesNotHaveBean(DevSmsController.class);
        });
    }

    @Test
    void anSmsGatewayRemovesTheSmsOutboxOnly() {
        context.withPropertyValues("consentflow.dispatch.sms-gateway-url=https://sms.example.org/send").run(run -> {
            assertThat(run).hasSingleBean(DevMailboxController.class);
            assertThat(run).doesNotHaveBean(DevSmsController.class);
        });
    }

    @Test
    void onlyALoopbackPeerIsAnswered() {
        for (String loopback : new String[] {"127.0.0.1", "127.0.0.2", "::1", "0:0:0:0:0:0:0:1"}) {
            DevOutbox.requireLoopback(from(loopback));
        }
        for (String remote : new String[] {"192.168.1.20", "10.0.0.1", "2001:db8::1", "0.0.0.0", "localhost", ""}) {
            assertThatThrownBy(() -> DevOutbox.requireLoopback(from(remote)))
                    .as(remote).isInstanceOf(ResponseStatusException.class).hasMessageContaining("403");
        }
    }

    @Test
    void forwardedHeadersNamingLoopbackAreNotBelieved() {
        MockHttpServletRequest request = from("203.0.113.7");
        request.addHeader("X-Forwarded-For", "127.0.0.1");
        request.addHeader("Forwarded", "for=127.0.0.1");
        request.addHeader("X-Real-IP", "127.0.0.1");

        assertThatThrownBy(() -> DevOutbox.requireLoopback(request)).isInstanceOf(ResponseStatusException.class);
    }

    @Test
    void aTakenDevSmtpPortFailsTheStartNamingTheVariableThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> DevMailConfiguration.startDevSmtpServer(taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("CONSENTFLOW_DEV_SMTP_PORT");
        }
    }

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dev/mailbox");
        request.setRemoteAddr(peer);
        return request;
    }
}
