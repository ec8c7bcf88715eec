package dev.consentflow.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The IP address of the person behind a request, for consent evidence and rate limits. {@code X-Forwarded-For}
 * is believed only when the request comes from a configured trusted proxy ({@code CONSENTFLOW_TRUSTED_PROXIES},
 * addresses or CIDR ranges): anyone else could write any address into it. Walking the header from the right,
 * the first address that is not a trusted proxy is the client.
 */
@Component
public class ClientAddress {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> trusted;

    public ClientAddress(@Value("${consentflow.web.trusted-proxies:}") String trustedProxies) {
        this.trusted = Arrays.stream(trustedProxies.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** The client's address, in its {@link #canonical} form. */
    public String of(HttpServletRequest request) {
        return canonical(client(request));
    }

    private String client(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (!isTrusted(remote)) {
            return remote;
        }
        String client = remote;
        var headers = request.getHeaders(FORWARDED_FOR);
        StringBuilder all = new StringBuilder();
        while (headers != null && headers.hasMoreElements()) {
            all.append(all.isEmpty() ? "" : ",").append(headers.nextElement());
        }
        String[] hops = all.toString().split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (literal(hop) == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /**
     * An IP address as people write it (RFC 5952): IPv6 compressed and in lower case ({@code ::1}, not
     * {@code 0:0:0:0:0:0:0:1}, which the servlet container reports), IPv4 as it is; the form every IP the product
     * records is stored in (consent evidence, unsubscribes, audit entries, sign-ins), so one address reads and
     * counts as one. Anything that is not an address comes back unchanged.
     */
    public static String canonical(String text) {
        if (text == null || text.indexOf(':') < 0 || !isLiteral(text)) {
            return text;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text).getAddress(); // a literal (checked above): no lookup
        } catch (UnknownHostException e) {
            return text;
        }
        if (bytes.length == 4) { // an IPv4-mapped address, which the JDK hands back as IPv4
            return "::ffff:" + (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "."
                    + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened (RFC 5952, 4.2.2)
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    /** Whether the text is an IPv4 or IPv6 address (checked without any DNS lookup). */
    public static boolean isLiteral(String text) {
        return literal(text) != null;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null: never a DNS lookup. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean ipv4 = text.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        boolean ipv6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0);
        if (ipv4) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                    return null;
                }
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (ipv6) {
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("CONSENTFLOW_TRUSTED_PROXIES holds no IP address: " + text);
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
