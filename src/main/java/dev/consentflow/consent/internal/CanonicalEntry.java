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
        return new Framer(chain).frame(at, subscriberId, action, actor,
                canonicalDetailJson.getBytes(StandardCharsets.UTF_8), processInstanceId);
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
            return hash(seq, prevHash, sha256());
        }

        /**
         * As {@link #hash(long, byte[])}, with a digest the caller reuses for a chain's entries one after the other
         * (each {@code digest()} leaves it reset): no provider lookup per entry.
         */
        byte[] hash(long seq, byte[] prevHash, MessageDigest sha) {
            sha.update(before);
            sha.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
            sha.update(after);
            if (prevHash == null) {
                sha.update(NULL);
            } else {
                byte[] quoted = new byte[prevHash.length * 2 + 2];
                quoted[0] = '"';
                for (int i = 0; i < prevHash.length; i++) {
                    quoted[1 + 2 * i] = HEX_DIGITS[(prevHash[i] >> 4) & 0xF];
                    quoted[2 + 2 * i] = HEX_DIGITS[prevHash[i] & 0xF];
                }
                quoted[quoted.length - 1] = '"';
                sha.update(quoted);
            }
            sha.update((byte) ']');
            return sha.digest();
        }
    }

    /** Lower-case, as {@link HexFormat#of()} writes them. */
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * The frames ({@link #frame}) of many entries of one chain, made one after the other (an import's chunk makes a
     * thousand): the chain's opening bytes once, the JSON of a time, action, actor and process instance once for each
     * value met (a chunk's entries share their time and actor, and have two actions), the rest put together as bytes
     * without a JSON generator. The bytes are exactly those {@link #frame} makes: a string goes in between quotes as it
     * is only when it is printable ASCII without a quote or a backslash (the generator escapes nothing else there);
     * any other goes through the generator.
     */
    static final class Framer {
        /** Strings kept as JSON: enough for the few values a chain's entries repeat, bounded for ones that differ. */
        private static final int KEPT = 64;
        private static final byte[] NULL_JSON = "null".getBytes(StandardCharsets.US_ASCII);
        private final byte[] before;
        private final Map<String, byte[]> strings = new java.util.HashMap<>();
        private Instant lastAt;
        private byte[] lastAtJson;

        Framer(UUID chain) {
            this.before = ("[\"" + FORMAT + "\",\"" + chain + "\",").getBytes(StandardCharsets.UTF_8);
        }

        /** As {@link #frame(UUID, Instant, UUID, String, String, String, String)}, the detail given as its UTF-8. */
        Frame frame(Instant at, UUID subscriberId, String action, String actor, byte[] canonicalDetailJson,
                    String processInstanceId) {
            if (!at.equals(lastAt)) {
                lastAt = at;
                lastAtJson = jsonString(at.toString());
            }
            byte[] actionJson = json(action);
            byte[] actorJson = json(actor);
            byte[] instanceJson = json(processInstanceId);
            int length = 7 + lastAtJson.length + (subscriberId == null ? 4 : 38) + actionJson.length
                    + actorJson.length + canonicalDetailJson.length + instanceJson.length;
            byte[] after = new byte[length];
            int at0 = 0;
            after[at0++] = ',';
            at0 = put(after, at0, lastAtJson);
            after[at0++] = ',';
            if (subscriberId == null) {
                at0 = put(after, at0, NULL_JSON);
            } else {
                after[at0++] = '"';
                at0 = putUuid(after, at0, subscriberId);
                after[at0++] = '"';
            }
            after[at0++] = ',';
            at0 = put(after, at0, actionJson);
            after[at0++] = ',';
            at0 = put(after, at0, actorJson);
            after[at0++] = ',';
            at0 = put(after, at0, canonicalDetailJson);
            after[at0++] = ',';
            at0 = put(after, at0, instanceJson);
            after[at0] = ',';
            return new Frame(before, after);
        }

        private byte[] json(String value) {
            if (value == null) {
                return NULL_JSON;
            }
            byte[] known = strings.get(value);
            if (known == null) {
                known = jsonString(value);
                if (strings.size() < KEPT) {
                    strings.put(value, known);
                }
            }
            return known;
        }

        private static byte[] jsonString(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                    try {
                        return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            byte[] out = new byte[value.length() + 2];
            out[0] = '"';
            for (int i = 0; i < value.length(); i++) {
                out[i + 1] = (byte) value.charAt(i);
            }
            out[out.length - 1] = '"';
            return out;
        }

        private static int put(byte[] out, int at, byte[] bytes) {
            System.arraycopy(bytes, 0, out, at, bytes.length);
            return at + bytes.length;
        }

        /** As {@link UUID#toString()}: 8-4-4-4-12 lower-case hex digits. */
        private static int putUuid(byte[] out, int at, UUID id) {
            at = putHex(out, at, id.getMostSignificantBits() >>> 32, 8);
            out[at++] = '-';
            at = putHex(out, at, id.getMostSignificantBits() >>> 16, 4);
            out[at++] = '-';
            at = putHex(out, at, id.getMostSignificantBits(), 4);
            out[at++] = '-';
            at = putHex(out, at, id.getLeastSignificantBits() >>> 48, 4);
            out[at++] = '-';
            return putHex(out, at, id.getLeastSignificantBits(), 12);
        }

        /** The low {@code digits} hex digits of the value. */
        private static int putHex(byte[] out, int at, long value, int digits) {
            for (int i = digits - 1; i >= 0; i--) {
                out[at + i] = HEX_DIGITS[(int) (value & 0xF)];
                value >>>= 4;
            }
            return at + digits;
        }
    }

    static MessageDigest sha256() {
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
