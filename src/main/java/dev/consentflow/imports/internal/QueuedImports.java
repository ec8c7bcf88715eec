package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.imports.ImportFileRefused;
import dev.consentflow.imports.Imports;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/** {@link Imports} on the desk, the table and the worker that {@code /api/imports} uses. */
@Service
class QueuedImports implements Imports {

    private final ImportDesk desk;
    private final ImportTable table;
    private final ImportWorker worker;

    QueuedImports(ImportDesk desk, ImportTable table, ImportWorker worker) {
        this.desk = desk;
        this.table = table;
        this.worker = worker;
    }

    @Override
    public UUID start(Caller caller, MultipartFile file, String listKey, String consent) {
        try {
            UUID id = desk.accept(caller, file, listKey, consent);
            worker.wake();
            return id;
        } catch (UnsupportedFile e) {
            throw new ImportFileRefused(e.getMessage(), true, e);
        } catch (FileProblem e) {
            throw new ImportFileRefused(e.getMessage(), false, e);
        }
    }

    @Override
    public Optional<Status> find(AccountId account, UUID id) {
        return table.find(account, id).map(v -> new Status(v.id(), v.status(), v.list(), v.format(), v.consent(),
                v.rows(), v.done(), v.imported(), v.updated(), v.unchanged(), v.rejected(), v.failure(),
                v.createdAt(), v.startedAt(), v.finishedAt()));
    }

    @Override
    public List<Rejection> rejections(AccountId account, UUID id, long afterRow, int limit) {
        if (table.find(account, id).isEmpty()) {
            return List.of();
        }
        return table.rejections(id, afterRow, limit).stream()
                .map(r -> new Rejection(r.row(), r.field(), r.reason())).toList();
    }
}
