package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import dev.consentflow.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * API.md section 8. {@code POST /api/imports} (ADMIN, MARKETER) checks the whole file before it answers: a file
 * that is not CSV or XLSX answers {@code 415}, one that cannot be read or whose header makes no sense {@code 400},
 * one larger than {@code CONSENTFLOW_IMPORT_MAX_BYTES} {@code 413}; none of them writes anything. A good file is
 * stored and answered {@code 202}; the rows are imported in the background. The status and the rejections name
 * rows, columns and rules only, never a value, so they are the same for every role that may read them.
 */
@RestController
class ImportController {

    private static final int MAX_PAGE = 10_000;

    private final ImportDesk desk;
    private final ImportTable table;
    private final ImportSettings settings;
    private final ImportWorker worker;

    ImportController(ImportDesk desk, ImportTable table, ImportSettings settings, ImportWorker worker) {
        this.desk = desk;
        this.table = table;
        this.settings = settings;
        this.worker = worker;
    }

    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ResponseEntity<?> create(@RequestPart(name = "file", required = false) MultipartFile file,
                             @RequestParam(name = "list", required = false) String list,
                             @RequestParam(name = "consent", required = false) String consent,
                             @AuthenticationPrincipal Caller caller) {
        if (file != null && file.getSize() > settings.maxBytes().toBytes()) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "The file is larger than " + settings.maxBytes().toBytes()
                    + " bytes");
        }
        try {
            UUID id = desk.accept(caller, file, list, consent);
            worker.wake();
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
        } catch (UnsupportedFile e) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        } catch (FileProblem e) {
            throw new InvalidInputException("file", e.getMessage());
        }
    }

    @GetMapping("/api/imports/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'OPERATOR')")
    Map<String, Object> status(@PathVariable UUID id, @RequestParam(name = "account", required = false) UUID account,
                               @AuthenticationPrincipal Caller caller) {
        ImportTable.View view = table.find(caller.readScope(account), id).orElseThrow(ImportController::notFound);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", view.id());
        answer.put("status", view.status());
        answer.put("list", view.list());
        answer.put("consent", view.consent());
        answer.put("format", view.format());
        answer.put("rows", view.rows());
        answer.put("done", view.done());
        answer.put("imported", view.imported());
        answer.put("updated", view.updated());
        answer.put("unchanged", view.unchanged());
        answer.put("rejected", view.rejected());
        answer.put("failure", view.failure());
        answer.put("createdAt", view.createdAt());
        answer.put("startedAt", view.startedAt());
        answer.put("finishedAt", view.finishedAt());
        return answer;
    }

    @GetMapping("/api/imports/{id}/rejections")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'OPERATOR')")
    List<ImportTable.Rejection> rejections(@PathVariable UUID id,
                                           @RequestParam(name = "account", required = false) UUID account,
                                           @RequestParam(name = "after", defaultValue = "0") long after,
                                           @RequestParam(name = "limit", defaultValue = "1000") int limit,
                                           @AuthenticationPrincipal Caller caller) {
        table.find(caller.readScope(account), id).orElseThrow(ImportController::notFound);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "is between 1 and " + MAX_PAGE);
        }
        return table.rejections(id, after, limit);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("No such import");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, detail));
    }
}
