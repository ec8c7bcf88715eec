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
}
