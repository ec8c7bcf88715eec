package dev.consentflow.subscription.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a value is an IPv4 or IPv6 address literal: consent evidence names the client's address, never a host
 * name (and checking one must not trigger a DNS lookup).
 */
final class IpLiteral {

    private IpLiteral() {
    }

    static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 45) {
            return false;
        }
        if (value.indexOf(':') >= 0) {
            return isIpv6(value);
        }
        return isIpv4(value);
    }

    private static boolean isIpv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || part.length() > 1 && part.charAt(0) == '0'
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Only hex digits, colons and dots (an embedded IPv4 tail) get to the parser, which then does no lookup. */
    private static boolean isIpv6(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!(hex || c == ':' || c == '.')) {
                return false;
            }
        }
        try {
            return InetAddress.getByName(value) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
