package dev.consentflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    void anUntrustedPeerIsTheClientWhateverItsForwardedForHeaderSays() {
        var request = request("203.0.113.7", "198.51.100.1");
        assertThat(new ClientAddress("").of(request)).isEqualTo("203.0.113.7");
        assertThat(new ClientAddress("10.0.0.1").of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void aTrustedProxyPassesOnTheFirstUntrustedAddressFromTheRight() {
        var client = new ClientAddress("10.0.0.0/8, 192.0.2.10");
        assertThat(client.of(request("10.1.2.3", "198.51.100.9, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(client.of(request("192.0.2.10", "198.51.100.9, 203.0.113.7, 10.9.9.9"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aForgedOrBrokenHeaderBehindATrustedProxyStopsAtTheLastGoodHop() {
        var client = new ClientAddress("10.0.0.1");
        assertThat(client.of(request("10.0.0.1", "evil.example, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(client.of(request("10.0.0.1", "203.0.113.7\r\nX-Injected: 1"))).isEqualTo("10.0.0.1");
        assertThat(client.of(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6ProxiesAndClientsWork() {
        var client = new ClientAddress("2001:db8::/32");
        assertThat(client.of(request("2001:db8::1", "2001:db8:ffff::2, 2a00:1450::5"))).isEqualTo("2a00:1450::5");
    }

    @Test
    void theClientIsNamedInTheShortFormOfRfc5952WhateverFormTheContainerOrAProxyUsed() {
        assertThat(new ClientAddress("").of(request("0:0:0:0:0:0:0:1", null))).isEqualTo("::1");
        assertThat(new ClientAddress("::1").of(request("0:0:0:0:0:0:0:1", "2A00:1450:0:0:0:0:0:5")))
                .isEqualTo("2a00:1450::5");
        assertThat(new ClientAddress("").of(request("203.0.113.7", null))).isEqualTo("203.0.113.7");
    }

    @Test
    void theCanonicalFormCompressesTheLongestRunOfZerosInLowerCase() {
        assertThat(ClientAddress.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ClientAddress.canonical("2001:0DB8:0000:0000:0000:ff00:0042:8329"))
                .isEqualTo("2001:db8::ff00:42:8329");
        assertThat(ClientAddress.canonical("2001:db8:0:0:1:0:0:0")).isEqualTo("2001:db8:0:0:1::");
        assertThat(ClientAddress.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ClientAddress.canonical("::FFFF:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
        assertThat(ClientAddress.canonical("not:an:address")).isEqualTo("not:an:address");
        assertThat(ClientAddress.canonical(null)).isNull();
    }

    @Test
    void onlyAddressLiteralsAreAddressesAndNoNameIsLookedUp() {
        assertThat(ClientAddress.isLiteral("203.0.113.7")).isTrue();
        assertThat(ClientAddress.isLiteral("::1")).isTrue();
        assertThat(ClientAddress.isLiteral("256.1.1.1")).isFalse();
        assertThat(ClientAddress.isLiteral("1.2.3")).isFalse();
        assertThat(ClientAddress.isLiteral("localhost")).isFalse();
        assertThat(ClientAddress.isLiteral("1.2.3.4\n")).isFalse();
    }

    private static MockHttpServletRequest request(String remote, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(remote);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
