package dev.consentflow.privacy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.Caller;
import dev.consentflow.privacy.ProcessingRecord;
import dev.consentflow.privacy.RecordsOfProcessing;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/accounts/current/record-of-processing}: the account's record of processing activities (GDPR
 * Art. 30) as the JSON answer, or with {@code format=xlsx} (a sheet per part) or {@code format=json} as a file to
 * keep. ADMIN and COMPLIANCE. It holds counts, field names, consent texts and staff names, no person's data.
 */
@RestController
class ProcessingRecordController {

    private static final Set<ExportFormat> FORMATS = Set.of(ExportFormat.JSON, ExportFormat.XLSX);

    private final RecordsOfProcessing records;
    private final ObjectMapper mapper;

    ProcessingRecordController(RecordsOfProcessing records, ObjectMapper mapper) {
        this.records = records;
        this.mapper = mapper;
    }

    @GetMapping("/api/accounts/current/record-of-processing")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    ResponseEntity<ProcessingRecord> record(@RequestParam(required = false) String format,
                                            @AuthenticationPrincipal Caller caller, HttpServletResponse response)
            throws IOException {
        ExportFormat file = format == null ? null : ExportFormat.parse("format", format, FORMATS);
        ProcessingRecord record = records.recordOf(caller.requireAccount());
        if (file == null) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(record);
        }
        OutputStream out = ExportDownload.start(response, file, "record-of-processing");
        if (file == ExportFormat.XLSX) {
            ProcessingRecordWorkbook.write(record, out);
        } else {
            mapper.writerWithDefaultPrettyPrinter().writeValue(out, record);
        }
        return null;
    }
}
