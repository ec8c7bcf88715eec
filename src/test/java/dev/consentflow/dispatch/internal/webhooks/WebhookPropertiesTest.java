package dev.consentflow.dispatch.internal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {

    @Test
    void postmarksAllowedAddressesAreComparedInTheFormClientAddressesTake() {
        WebhookProperties.Postmark postmark = new WebhookProperties.Postmark("postmark", "secret",
                List.of(" 2001:0DB8:0:0:0:0:0:7 ", "50.31.156.6", "", "0:0:0:0:0:0:0:1"));

        assertThat(postmark.allowedIps()).containsExactly("2001:db8::7", "50.31.156.6", "::1");
    }
}
