package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void aBounceIsAuditedWithItsSmtpCodesOnlyNeverTheTextThatMayHoldTheAddress() {
        assertThat(SubscriptionLifecycle.smtpCodes("550 5.1.1 <anna@example.dk>: Recipient address rejected"))
                .isEqualTo("550 5.1.1");
        assertThat(SubscriptionLifecycle.smtpCodes("554 rejected for anna@example.dk")).isEqualTo("554");
        assertThat(SubscriptionLifecycle.smtpCodes("anna@example.dk unknown")).isNull();
        assertThat(SubscriptionLifecycle.smtpCodes(null)).isNull();
    }
}
