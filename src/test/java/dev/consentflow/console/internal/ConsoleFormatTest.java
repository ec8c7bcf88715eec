package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    private final ConsoleFormat fmt = new ConsoleFormat(new ConsoleTimeZone(null));

    @Test
    void anIpv6AddressIsShownInItsShortCanonicalForm() {
        assertThat(fmt.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(fmt.address("2001:0DB8:0000:0000:0000:ff00:0042:8329")).isEqualTo("2001:db8::ff00:42:8329");
        assertThat(fmt.address("0:0:0:0:0:0:0:0")).isEqualTo("::");
        assertThat(fmt.address("fe80:0:0:0:1:0:0:0")).isEqualTo("fe80::1:0:0:0"); // the first of two equal runs
        assertThat(fmt.address("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1"); // one zero stays
        assertThat(fmt.address("2001:db8:0:0:1:0:0:0")).isEqualTo("2001:db8:0:0:1::"); // the longest run
        assertThat(fmt.address("::ffff:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void anythingButAnIpv6AddressIsShownAsItIs() {
        assertThat(fmt.address("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(fmt.address("not:an:address")).isEqualTo("not:an:address");
        assertThat(fmt.address("")).isEmpty();
        assertThat(fmt.address(null)).isNull();
    }

    @Test
    void aLongAddressMayBreakAfterItsAtSignAndBeforeTheDotsOfItsLocalPartButNeverInsideTheDomain() {
        assertThat(fmt.addressParts("anna.berg@mail.example.dk")).containsExactly("anna", ".berg@", "mail.example.dk");
        assertThat(fmt.addressParts("anna-7f3a@example.dk")).containsExactly("anna-7f3a@", "example.dk");
        assertThat(fmt.addressParts(".x..y@z")).containsExactly(".x", ".", ".y@", "z");
        assertThat(fmt.addressParts("no-at-sign")).containsExactly("no-at-sign");
        assertThat(fmt.addressParts(null)).isEmpty();
    }
}
