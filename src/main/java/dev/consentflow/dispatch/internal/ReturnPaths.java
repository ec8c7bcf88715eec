package dev.consentflow.dispatch.internal;

import dev.consentflow.keys.KeyRing;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * VERP: each message's envelope sender (its Return-Path) is {@code bounces+<token>@<bounce domain>}, where the
 * token is the message id (32 hex digits) and a MAC of it (16 hex digits, HMAC-SHA256 under a platform key
 * derived from the master key). A bounce names its message through the address it was sent to; a made-up or
 * altered token names nothing, so nobody can forge bounces that mark arbitrary people BOUNCED. 56 characters of
 * local part, within RFC 5321's 64, and lower case, which relays that fold case leave intact.
 */
@Component
class ReturnPaths {

    static final String PURPOSE = "dispatch.return-path";
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAC_BYTES = 8;
    /**
     * A thread's HMAC, keyed for one key version: every message's return path has its MAC, and deriving the key,
     * looking it up and keying the HMAC anew was most of that MAC's cost. Only ever under {@link #PURPOSE}'s key.
     */
    private final ThreadLocal<VersionedMac> macs = new ThreadLocal<>();

    private record VersionedMac(int version, Mac mac) {
    }

    private final KeyRing keys;
    private final String local;
    private final String domain;
    private final Pattern token;

    ReturnPaths(KeyRing keys, BounceProperties properties, @Value("${consentflow.mail.from}") String from) {
        this.keys = keys;
        String address = checkAddress(properties.baseAddress().isEmpty()
                ? "bounces@" + domainOf(from) : properties.baseAddress());
        int at = address.lastIndexOf('@');
        this.local = address.substring(0, at);
        this.domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        this.token = Pattern.compile("(?i)(?<![A-Za-z0-9._-])" + Pattern.quote(local) + "\\+([0-9a-f]{32})([0-9a-f]{16})@"
                + Pattern.quote(domain) + "(?![A-Za-z0-9.-])");
    }

    /** The bounce mailbox's own address (where bounces without a token would arrive). */
    String mailbox() {
        return local + "@" + domain;
    }

    /** The envelope sender of one message. */
    String of(UUID messageId) {
        String id = HEX.formatHex(bytes(messageId));
        return local + "+" + id + HEX.formatHex(mac(messageId, keys.currentVersion())) + "@" + domain;
    }

    /** The message a return path (anywhere in the text, such as a To header) names, if its MAC holds. */
    Optional<UUID> messageIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher found = token.matcher(text);
        while (found.find()) {
            UUID id = uuid(HEX.parseHex(found.group(1).toLowerCase(Locale.ROOT)));
            byte[] given = HEX.parseHex(found.group(2).toLowerCase(Locale.ROOT));
            for (int version = keys.currentVersion(); version >= 1; version--) {
                if (MessageDigest.isEqual(given, mac(id, version))) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    private byte[] mac(UUID messageId, int version) {
        VersionedMac current = macs.get();
        if (current == null || current.version() != version) {
            current = new VersionedMac(version, initialised(keys.derive(PURPOSE, version)));
            macs.set(current);
        }
        // doFinal leaves the Mac as init left it: keyed, ready for the next message.
        byte[] full = current.mac().doFinal(bytes(messageId));
        byte[] cut = new byte[MAC_BYTES];
        System.arraycopy(full, 0, cut, 0, MAC_BYTES);
        return cut;
    }

    private static Mac initialised(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /** The domain of the sender address (CONSENTFLOW_MAIL_FROM), where bounces go unless told otherwise. */
    static String domainOf(String from) {
        try {
            String plain = new InternetAddress(from, false).getAddress();
            return plain.substring(plain.lastIndexOf('@') + 1);
        } catch (AddressException | StringIndexOutOfBoundsException e) {
            return "localhost";
        }
    }

    /** A bounce address must be a plain {@code local@domain} without a {@code +} of its own. */
    static String checkAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            String plain = parsed.getAddress();
            if (parsed.getPersonal() != null || !plain.contains("@") || plain.indexOf('+') >= 0
                    || plain.substring(0, plain.lastIndexOf('@')).length() > 64 - 49) {
                throw new AddressException("not a plain address with a short local part and no '+'");
            }
            return plain;
        } catch (AddressException e) {
            throw new IllegalStateException("CONSENTFLOW_BOUNCE_ADDRESS must be a plain address such as "
                    + "bounces@example.com (local part up to 15 characters, no '+'): " + e.getMessage(), e);
        }
    }
}
