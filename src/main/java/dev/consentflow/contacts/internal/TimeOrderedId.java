package dev.consentflow.contacts.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of new cards and subscriptions as UUID version 7 (RFC 9562): the first 48 bits are the Unix time in
 * milliseconds, the other 74 (apart from version and variant) come from {@link SecureRandom}, as many random bits
 * as a guess would need to find, with the time known. Rows made one after the other get ids in about that order,
 * so their primary key and every index that leads with the id (fields, subscriptions, the audit log's person
 * index) grow at their right edge: an import's thousands of new rows share a few hot index pages instead of each
 * dirtying a page of its own somewhere in a million-row index. The creation time an id shows is the card's
 * {@code createdAt}, which the API shows anyway.
 */
final class TimeOrderedId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedId() {
    }

    static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long unixMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L;
        for (int i = 2; i < 10; i++) {
            low |= (random[i] & 0xFFL) << ((9 - i) * 8);
        }
        low = low & 0xBFFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
