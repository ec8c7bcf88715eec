package dev.consentflow.consent.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The canonical content of an audit entry and its hash. The content is one JSON array (format tag, chain, seq,
 * time, subscriber, action, actor, detail, process instance, previous hash), written with sorted keys and no
 * spaces, so the same entry always gives the same bytes, and no value can be shifted into a neighbour's place.
 *
 * <p>Detail values are narrowed to what jsonb gives back unchanged (strings, whole numbers, booleans, null,
 * lists and maps of these); anything else is kept as its string form. So the hash computed when appending is
 * the hash recomputed from the row when verifying.
 */
final class CanonicalEntry {

    private static final String FORMAT = "consentflow.audit.v1";
    private static final int MAX_STRING = 1000;
    private static final ObjectMapper json = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final HexFormat hex = HexFormat.of();

    private CanonicalEntry() {
    }

    /** A detail map narrowed to stable JSON values (see the class comment), keys sorted. */
    static Map<String, Object> normalize(Map<String, ?> detail) {
        Map<String, Object> out = new TreeMap<>();
        if (detail != null) {
            detail.forEach((key, value) -> out.put(text(String.valueOf(key)), value(value)));
        }
        return out;
    }

    static String detailJson(Map<String, Object> detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> parseDetail(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit detail is not JSON", e);
        }
    }

    static byte[] hash(UUID chain, long seq, Instant at, UUID subscriberId, String action, String actor,
                       Map<String, Object> detail, String processInstanceId, byte[] prevHash) {
        List<Object> content = Arrays.asList(FORMAT, chain.toString(), seq, at.toString(),
                subscriberId == null ? null : subscriberId.toString(), action, actor, detail, processInstanceId,
                prevHash == null ? null : hex.formatHex(prevHash));
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An entry's canonical content but for its seq and the previous hash, serialized once: before an entry takes
     * its place in the chain (outside the chain's lock), so that linking it costs one SHA-256 over these bytes with
     * the seq and the previous hash put in. The bytes are those {@link #hash(UUID, long, Instant, UUID, String,
     * String, Map, String, byte[])} serializes: the array's elements one by one, joined by commas.
     */
    static Frame frame(UUID chain, Instant at, UUID subscriberId, String action, String actor,
                       Map<String, Object> detail, String processInstanceId) {
        return frame(chain, at, subscriberId, action, actor, detailJson(detail), processInstanceId);
    }

    /**
     * As {@link #frame(UUID, Instant, UUID, String, String, Map, String)}, with the detail already serialized by
     * {@link #detailJson} (of a {@link #normalize normalized} map): its text is taken as it is.
     */
    static Frame frame(UUID chain, Instant at, UUID subscriberId, String action, String actor,
                       String canonicalDetailJson, String processInstanceId) {
        // The chain's id is hex digits and dashes, the format tag plain ASCII: neither is escaped.
        byte[] before = ("[\"" + FORMAT + "\",\"" + chain + "\",").getBytes(StandardCharsets.UTF_8);
        String middle;
        String instance;
        try {
            // The strings between the seq and the detail as one array (one generator), its brackets left out.
            middle = json.writeValueAsString(Arrays.asList(at.toString(),
                    subscriberId == null ? null : subscriberId.toString(), action, actor));
            instance = json.writeValueAsString(processInstanceId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] after = ("," + middle.substring(1, middle.length() - 1) + "," + canonicalDetailJson + "," + instance
                + ",").getBytes(StandardCharsets.UTF_8);
        return new Frame(before, after);
    }

    /** An entry's canonical bytes around its seq and previous hash ({@link #frame}). */
    static final class Frame {
        private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
        private final byte[] before;
        private final byte[] after;

        private Frame(byte[] before, byte[] after) {
            this.before = before;
            this.after = after;
        }

        /** The entry's hash at this seq after this hash (null first in its chain), as {@code hash(...)} gives it. */
        byte[] hash(long seq, byte[] prevHash) {
            MessageDigest sha = sha256();
            sha.update(before);
            sha.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
            sha.update(after);
            if (prevHash == null) {
                sha.update(NULL);
            } else {
                sha.update((byte) '"');
                sha.update(hex.formatHex(prevHash).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) '"');
            }
            sha.update((byte) ']');
            return sha.digest();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hash(AuditRow row) {
        return hash(row.accountId(), row.seq(), row.at(), row.subscriberId(), row.action(), row.actor(),
                parseDetail(row.detail()), row.processInstanceId(), row.prevHash());
    }

    static String hex(byte[] bytes) {
        return bytes == null ? null : hex.formatHex(bytes);
    }

    private static Object value(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(text(String.valueOf(k)), value(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(value(v)));
            return out;
        }
        return text(value.toString());
    }

    /** jsonb cannot hold NUL, and an audit detail has no business holding long texts. */
    private static String text(String value) {
        String clean = value.replace('\u0000', '\uFFFD');
        return clean.length() > MAX_STRING ? clean.substring(0, MAX_STRING) : clean;
    }
}
