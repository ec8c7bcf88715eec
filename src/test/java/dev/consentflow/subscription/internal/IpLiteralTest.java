package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::ffff:192.0.2.1"})
    void ipAddressLiteralsAreEvidence(String ip) {
        assertThat(IpLiteral.isValid(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.org", "localhost", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4 ", "fe80::1%eth0",
            "2001:db8::g", "1.2.3.4\n"})
    void hostNamesAndMalformedAddressesAreNot(String ip) {
        assertThat(IpLiteral.isValid(ip)).isFalse();
    }
}
