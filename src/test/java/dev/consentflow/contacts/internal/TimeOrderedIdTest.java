package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdTest {

    @Test
    void anIdIsAVersion7UuidOfTheRfcVariant() {
        UUID id = TimeOrderedId.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theIdStartsWithItsUnixTimeInMilliseconds() {
        long at = 1_765_000_000_123L;
        UUID id = TimeOrderedId.at(at);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", at >>> 16, at & 0xFFFF));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsPostgresqlComparesUuids() {
        // PostgreSQL orders uuid values by their bytes, unsigned: the same order as their text.
        String earlier = TimeOrderedId.at(1_765_000_000_000L).toString();
        String later = TimeOrderedId.at(1_765_000_000_001L).toString();
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        Set<Long> randomParts = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = TimeOrderedId.at(1_765_000_000_000L);
            ids.add(id);
            randomParts.add(id.getLeastSignificantBits());
        }
        assertThat(ids).hasSize(10_000);
        assertThat(randomParts).hasSize(10_000);
    }
}
