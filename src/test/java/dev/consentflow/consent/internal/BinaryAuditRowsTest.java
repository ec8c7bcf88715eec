package dev.consentflow.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinaryAuditRowsTest {

    private final UUID chain = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-11-29T10:00:00.123456Z");

    /** Each start is COPY's binary layout of the row's first seven fields, whichever values a chain's starts repeat. */
    @Test
    void aStartIsTheFieldCountAndTheFirstSevenFieldsInCopysBinaryForm() throws IOException {
        BinaryAuditRows.Starts starts = new BinaryAuditRows.Starts(chain);
        for (String actor : Arrays.asList("admin:k", "admin:k", "k\u00fc", "person")) {
            for (UUID person : Arrays.asList(UUID.randomUUID(), null)) {
                for (String instance : Arrays.asList(null, "proc-1", "proc-1")) {
                    String detail = "{\"list\":\"n\u00e9ws\",\"subscriptionId\":\"" + person + "\"}";
                    byte[] json = detail.getBytes(StandardCharsets.UTF_8);
                    assertThat(starts.start(at, person, "CONFIRMED", actor, json, instance))
                            .isEqualTo(expected(person, "CONFIRMED", actor, json, instance));
                }
            }
        }
    }

    private byte[] expected(UUID person, String action, String actor, byte[] detail, String instance)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(10);
        uuid(out, chain);
        out.writeInt(8);
        out.writeLong((at.getEpochSecond() - 946_684_800L) * 1_000_000L + at.getNano() / 1_000);
        uuid(out, person);
        text(out, action);
        text(out, actor);
        out.writeInt(detail.length + 1);
        out.writeByte(1);
        out.write(detail);
        text(out, instance);
        return bytes.toByteArray();
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        if (id == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(16);
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }
}
