package dev.consentflow.privacy.internal;

import dev.consentflow.privacy.ProcessingRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The record of processing as an Excel workbook: a sheet per part, written through the exports' safe cells. */
final class ProcessingRecordWorkbook {

    private ProcessingRecordWorkbook() {
    }

    static void write(ProcessingRecord record, OutputStream out) throws IOException {
        try (ExportWorkbook workbook = new ExportWorkbook()) {
            ExportWorkbook.Sheet overview = workbook.sheet("Record", "Part", "Value");
            overview.row("Account", record.account().name());
            overview.row("Account id", record.account().id().toString());
            overview.row("Generated", record.generatedAt());
            overview.row("Transfers to third countries", record.transfers());
            ExportWorkbook.Sheet controllers = workbook.sheet("Controllers", "Brand", "Name", "Address",
                    "Data-protection contact", "Privacy policy");
            record.controllers().forEach(c -> controllers.row(c.brand(), c.name(), c.address(),
                    c.dataProtectionContact(), c.privacyPolicyUrl()));
            ExportWorkbook.Sheet purposes = workbook.sheet("Purposes", "List", "Name", "Brand", "Purpose",
                    "Legal basis", "Channels", "Data subjects", "Pending", "Confirmed", "Unsubscribed", "Bounced");
            for (ProcessingRecord.Activity a : record.activities()) {
                Map<String, Long> n = a.subscriptions();
                purposes.row(a.list(), a.name(), a.brand(), a.purpose(), a.legalBasis(), String.join(", ", a.channels()),
                        a.dataSubjects(), n.get("PENDING"), n.get("CONFIRMED"), n.get("UNSUBSCRIBED"), n.get("BOUNCED"));
            }
            ExportWorkbook.Sheet texts = workbook.sheet("Consent texts", "List", "Consent text", "Subscriptions");
            record.activities().forEach(a -> a.consentTexts().forEach(t -> texts.row(a.list(), t.text(),
                    t.subscriptions())));
            ExportWorkbook.Sheet categories = workbook.sheet("Data categories", "Code", "Category", "Data",
                    "Protection");
            record.categories().forEach(c -> categories.row(c.code(), c.description(), String.join("; ", c.items()),
                    c.protection()));
            ExportWorkbook.Sheet recipients = workbook.sheet("Recipients", "Code", "Recipient", "Name", "Detail");
            record.recipients().forEach(r -> recipients.row(r.code(), r.description(), r.name(), r.detail()));
            ExportWorkbook.Sheet retention = workbook.sheet("Retention", "Code", "Data", "Period (ISO 8601)");
            record.retention().forEach(r -> retention.row(r.code(), r.description(), r.period()));
            ExportWorkbook.Sheet security = workbook.sheet("Security", "Code", "Measure", "In force");
            record.security().forEach(m -> security.row(m.code(), m.description(), m.inForce() ? "yes" : "no"));
            workbook.write(out);
        }
    }
}
