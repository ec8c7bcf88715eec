package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes an upload: checks the request, then reads the whole file once in one transaction that stores the import
 * and the rows found, a chunk to a part (a file that cannot be imported is refused and nothing stays written),
 * QUEUED for a worker.
 */
@Component
class ImportDesk {

    private final MailingLists contacts;
    private final ImportTable table;
    private final UploadStore uploads;
    private final TransactionTemplate tx;
    private final ImportSettings settings;

    ImportDesk(MailingLists contacts, ImportTable table, UploadStore uploads, TransactionTemplate tx,
               ImportSettings settings) {
        this.contacts = contacts;
        this.table = table;
        this.uploads = uploads;
        this.tx = tx;
        this.settings = settings;
    }

    /**
     * @throws InvalidInputException a missing file, list or consent, an unknown list
     * @throws UnsupportedFile       a file that is not CSV or XLSX, or a macro workbook
     * @throws FileProblem           a file that cannot be read as its format
     */
    UUID accept(Caller caller, MultipartFile file, String listKey, String consent) {
        AccountId account = caller.requireAccount();
        List<FieldProblem> problems = new ArrayList<>();
        if (file == null || file.isEmpty()) {
            problems.add(new FieldProblem("file", "is required: a .csv or .xlsx file with a header row"));
        }
        ListInfo list = null;
        if (listKey == null || listKey.isBlank()) {
            problems.add(new FieldProblem("list", "is required"));
        } else {
            list = contacts.findList(account, listKey).orElse(null);
            if (list == null) {
                problems.add(new FieldProblem("list", "is not a list of this account"));
            }
        }
        if (!"CONFIRMED".equals(consent) && !"DOUBLE_OPT_IN".equals(consent)) {
            problems.add(new FieldProblem("consent", "is CONFIRMED (the account holds the consent) or DOUBLE_OPT_IN"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        UUID id = UUID.randomUUID();
        ListInfo target = list;
        try (InputStream in = file.getInputStream()) {
            ImportFiles.withTempFile(in, path -> {
                ImportFormat format;
                try {
                    format = ImportFormat.of(file.getOriginalFilename(), path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                // One reading of the whole file checks it and stores its rows; a file that cannot be read rolls
                // the import back, so nothing is written.
                tx.executeWithoutResult(s -> {
                    table.insert(id, account, target.id(), format, consent, caller.keyId(), caller.role(),
                            file.getSize(), 0);
                    table.totalRows(id, uploads.storeRows(id, account, format, path, settings.chunkRows(), 0));
                });
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
