package dev.consentflow.privacy.internal;

import dev.consentflow.web.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The file formats of exports, as the {@code format} parameter names them. */
enum ExportFormat {
    JSON("application/json", "json"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    CSV("text/csv; charset=UTF-8", "csv");

    /** A person's record has parts of different shapes: JSON or a workbook with a sheet per part. */
    static final Set<ExportFormat> PERSON = Set.of(JSON, XLSX);
    /** A list or account is one table. */
    static final Set<ExportFormat> TABLE = Set.of(JSON, XLSX, CSV);

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** The format a request names, when it is one of the allowed; otherwise a {@code 400} naming the field. */
    static ExportFormat parse(String field, String value, Set<ExportFormat> allowed) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> allowed.contains(f) && f.extension.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(field, "must be one of " + allowed.stream()
                        .sorted().map(f -> f.extension).collect(Collectors.joining(", "))));
    }
}
