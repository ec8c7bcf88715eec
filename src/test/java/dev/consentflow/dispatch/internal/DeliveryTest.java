package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void storedAnswersKeepTheReplyCodesButNoAddressOrNumber() {
        Delivery bounce = Delivery.hard("550 5.1.1 <anna.hansen@example.dk>: Recipient address rejected\r\nsee +45 12 34 56 78");

        assertThat(bounce.redactedAnswer())
                .startsWith("550 5.1.1 <[address]>: Recipient address rejected")
                .contains("[number]")
                .doesNotContain("anna", "example.dk", "12 34", "\r", "\n");
    }

    @Test
    void longAnswersAreCut() {
        assertThat(Delivery.soft("451 " + "x".repeat(2000)).redactedAnswer()).hasSize(500);
    }
}
