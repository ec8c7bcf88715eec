package dev.consentflow.imports;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports for the other modules (the console's Imports page), the same desk and tables as {@code /api/imports}:
 * a file is checked whole and stored, then imported in the background; its status counts the rows done.
 */
public interface Imports {

    /** The file types an import takes, as a person is told when they upload another. */
    List<String> ACCEPTED = List.of(".csv", ".xlsx");

    /**
     * Checks and stores the file and wakes a worker; answers the import's id.
     *
     * @param consent {@code CONFIRMED} (the account holds the consent) or {@code DOUBLE_OPT_IN}
     * @throws dev.consentflow.web.InvalidInputException a missing file, list or consent, an unknown list
     * @throws ImportFileRefused a file that is not CSV or XLSX, or cannot be read as one
     */
    UUID start(Caller caller, MultipartFile file, String listKey, String consent);

    /** One import of the account. */
    Optional<Status> find(AccountId account, UUID id);

    /** A page of an import's rejected rows, by row number after {@code afterRow}; empty for another's import. */
    List<Rejection> rejections(AccountId account, UUID id, long afterRow, int limit);

    /**
     * An import as it runs: {@code done} of {@code rows} data rows so far.
     *
     * @param status QUEUED, RUNNING, DONE or FAILED
     */
    record Status(UUID id, String status, String list, String format, String consent, long rows, long done,
                  long imported, long updated, long unchanged, long rejected, String failure, Instant createdAt,
                  Instant startedAt, Instant finishedAt) {

        public boolean finished() {
            return "DONE".equals(status) || "FAILED".equals(status);
        }

        /** Rows done as a whole percentage of the rows (100 for an empty file). */
        public int percent() {
            return rows == 0 ? (finished() ? 100 : 0) : (int) Math.min(100, done * 100 / rows);
        }
    }

    /** A rejected row: its number, the column and the rule it broke; never its value. */
    record Rejection(long row, String field, String reason) {
    }
}
