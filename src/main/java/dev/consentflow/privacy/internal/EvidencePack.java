package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.consent.ChainVerification;
import dev.consentflow.contacts.SubscriberId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * One person's evidence pack, a ZIP written straight into a stream: the person's export ({@code export.json},
 * as the Export JSON button gives it; a tombstone's shows the ids it keeps), the person's audit entries
 * ({@code audit.json}, as {@code GET /api/contacts/{id}/audit} shows its {@code audit} entries), the account's
 * chain head ({@code chain.json}: {@code GET /api/audit/verify}'s answer and the account id, which every hash
 * covers), READMEs in English and Danish, and {@code verify_chain.py}, which recomputes each entry's hash
 * offline as {@code CanonicalEntry} makes it.
 */
@Component
class EvidencePack {

    static final List<String> STATIC_FILES = List.of("README.txt", "README.da.txt", "verify_chain.py");

    private final ExportFiles files;
    private final AuditTrail trail;
    private final ObjectMapper mapper;

    EvidencePack(ExportFiles files, AuditTrail trail, ObjectMapper mapper) {
        this.files = files;
        this.trail = trail;
        this.mapper = mapper.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(AccountId account, SubscriberId subscriber, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("export.json"));
            files.person(account, subscriber, ExportFormat.JSON, new KeptOpen(zip));
            zip.closeEntry();

            List<AuditRecord> entries = trail.ofSubscriber(account, subscriber.value());
            zip.putNextEntry(new ZipEntry("audit.json"));
            mapper.writerWithDefaultPrettyPrinter().writeValue(zip, entries);
            zip.closeEntry();

            ChainVerification chain = trail.verify(account);
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("account", account.value().toString());
            head.put("valid", chain.valid());
            head.put("entries", chain.entries());
            head.put("head", chain.head());
            if (chain.firstBrokenSeq() != null) {
                head.put("firstBrokenSeq", chain.firstBrokenSeq());
            }
            zip.putNextEntry(new ZipEntry("chain.json"));
            mapper.writerWithDefaultPrettyPrinter().writeValue(zip, head);
            zip.closeEntry();

            for (String name : STATIC_FILES) {
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = new ClassPathResource("privacy/evidence/" + name).getInputStream()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    /** The export writer closes its stream when done; the pack's next file goes into the same one. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
