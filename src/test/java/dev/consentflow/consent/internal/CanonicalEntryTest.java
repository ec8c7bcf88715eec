package dev.consentflow.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalEntryTest {

    private final UUID chain = UUID.randomUUID();
    private final UUID subscriber = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-11-29T10:00:00.123456Z");

    @Test
    void theHashRecomputedFromTheStoredDetailEqualsTheHashComputedWhenAppending() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subscriptionId", UUID.randomUUID());
        detail.put("list", "news");
        detail.put("at", at);
        detail.put("formVersion", 3);
        detail.put("cardRemoved", false);
        detail.put("fields", List.of("firstName", "city"));
        detail.put("nothing", null);
        detail.put("nul", "a\u0000b");
        Map<String, Object> normalized = CanonicalEntry.normalize(detail);
        byte[] appended = hash(normalized, null);

        String stored = CanonicalEntry.detailJson(normalized);
        Map<String, Object> readBack = CanonicalEntry.parseDetail(stored.replace(",", ", "));

        assertThat(hash(readBack, null)).isEqualTo(appended);
        assertThat(stored).doesNotContain("\u0000");
    }

    @Test
    void keyOrderDoesNotMatterButEveryValueDoes() {
        Map<String, Object> one = new LinkedHashMap<>(Map.of("a", "1"));
        one.put("b", "2");
        Map<String, Object> other = new LinkedHashMap<>(Map.of("b", "2"));
        other.put("a", "1");
        assertThat(hash(CanonicalEntry.normalize(one), null)).isEqualTo(hash(CanonicalEntry.normalize(other), null));
        assertThat(hash(CanonicalEntry.normalize(Map.of("a", "1", "b", "3")), null))
                .isNotEqualTo(hash(CanonicalEntry.normalize(one), null));
    }

    @Test
    void everyPartOfTheEntryAndThePreviousHashIsCovered() {
        Map<String, Object> detail = CanonicalEntry.normalize(Map.of("list", "news"));
        byte[] base = hash(detail, null);
        assertThat(CanonicalEntry.hash(chain, 2, at, subscriber, "VIEWED", "admin:x", detail, null, null)).isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(chain, 1, at.plusNanos(1000), subscriber, "VIEWED", "admin:x", detail, null, null))
                .isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(chain, 1, at, null, "VIEWED", "admin:x", detail, null, null)).isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(chain, 1, at, subscriber, "UPDATED", "admin:x", detail, null, null)).isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(chain, 1, at, subscriber, "VIEWED", "admin:y", detail, null, null)).isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(chain, 1, at, subscriber, "VIEWED", "admin:x", detail, "p1", null)).isNotEqualTo(base);
        assertThat(hash(detail, new byte[32])).isNotEqualTo(base);
        assertThat(CanonicalEntry.hash(UUID.randomUUID(), 1, at, subscriber, "VIEWED", "admin:x", detail, null, null))
                .isNotEqualTo(base);
    }

    @Test
    void aValueCannotBeShiftedIntoItsNeighboursPlace() {
        Map<String, Object> detail = CanonicalEntry.normalize(Map.of());
        assertThat(CanonicalEntry.hash(chain, 1, at, subscriber, "VIEWED", "admin:x\",\"y", detail, null, null))
                .isNotEqualTo(CanonicalEntry.hash(chain, 1, at, subscriber, "VIEWED\",\"admin:x", "y",
                        detail, null, null));
    }

    private byte[] hash(Map<String, Object> detail, byte[] prev) {
        return CanonicalEntry.hash(chain, 1, at, subscriber, "VIEWED", "admin:x", detail, null, prev);
    }

    @Test
    void anEntrysFrameHashesAsTheWholeEntryDoesAtAnySeqAfterAnyHash() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("list", "n\u00e9ws \"quoted\" back\\slash \u2028 \t tab \u0001 \ud83d\ude00");
        detail.put("fields", List.of("firstName", Map.of("b", 2, "a", List.of())));
        detail.put("nothing", null);
        detail.put("yes", true);
        detail.put("at", at);
        Map<String, Object> normalized = CanonicalEntry.normalize(detail);
        byte[] previous = null;
        for (long seq : new long[] {1, 9, 10, 12_345_678_901L, Long.MAX_VALUE}) {
            for (UUID person : java.util.Arrays.asList(subscriber, null)) {
                for (String instance : java.util.Arrays.asList(null, "proc:1\"x")) {
                    CanonicalEntry.Frame frame = CanonicalEntry.frame(chain, at, person, "CONFIRMED",
                            "key:\u00fc\"", normalized, instance);
                    byte[] whole = CanonicalEntry.hash(chain, seq, at, person, "CONFIRMED", "key:\u00fc\"",
                            normalized, instance, previous);
                    assertThat(frame.hash(seq, previous)).isEqualTo(whole);
                    assertThat(CanonicalEntry.frame(chain, at, person, "CONFIRMED", "key:\u00fc\"",
                            CanonicalEntry.detailJson(normalized), instance).hash(seq, previous)).isEqualTo(whole);
                    previous = whole;
                }
            }
        }
        Map<String, Object> empty = CanonicalEntry.normalize(null);
        assertThat(CanonicalEntry.frame(chain, at, null, "VIEWED", "admin:x", empty, null).hash(1, null))
                .isEqualTo(CanonicalEntry.hash(chain, 1, at, null, "VIEWED", "admin:x", empty, null, null));
    }

    @Test
    void oneFramerFramesManyEntriesOfAChainAsEachAloneWouldBeHashed() {
        CanonicalEntry.Framer framer = new CanonicalEntry.Framer(chain);
        java.security.MessageDigest sha = CanonicalEntry.sha256();
        Instant later = at.plusNanos(1_000);
        byte[] previous = null;
        long seq = 0;
        // Printable ASCII goes in as it is; DEL, non-ASCII, quotes, backslashes and controls through the generator.
        for (String actor : List.of("admin:key-1", "admin:key-1", "person", "a\u007fb", "k\u00fc", "x\"y", "b\\s",
                "t\tab", "", " ~")) {
            for (Instant when : List.of(at, at, later)) {
                for (String action : List.of("SUBSCRIBED", "CONFIRMED")) {
                    UUID person = seq % 5 == 4 ? null : new UUID(seq * 0x0123456789L, -seq);
                    String instance = seq % 3 == 0 ? null : "proc-" + seq;
                    Map<String, Object> detail = CanonicalEntry.normalize(Map.of("subscriptionId", person == null
                            ? "none" : person, "list", "l\u00e9", "n", seq));
                    seq++;
                    byte[] whole = CanonicalEntry.hash(chain, seq, when, person, action, actor, detail, instance,
                            previous);
                    CanonicalEntry.Frame frame = framer.frame(when, person, action, actor,
                            CanonicalEntry.detailJson(detail).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            instance);
                    assertThat(frame.hash(seq, previous, sha)).isEqualTo(whole);
                    assertThat(frame.hash(seq, previous)).isEqualTo(whole);
                    previous = whole;
                }
            }
        }
        UUID edges = new UUID(0x000000000000000fL, 0xf0000000000000ffL);
        Map<String, Object> empty = CanonicalEntry.normalize(null);
        assertThat(framer.frame(at, edges, "VIEWED", "p", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null).hash(1, null)).isEqualTo(CanonicalEntry.hash(chain, 1, at, edges, "VIEWED", "p", empty, null,
                null));
    }
}
