package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.imports.ImportFileRefused;
import dev.consentflow.imports.Imports;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports for ADMINs and MARKETERs, on the same desk as {@code POST /api/imports}: the upload form, then the
 * import's page whose progress bar (rows done of rows, the import's own counts) htmx refreshes every second from a
 * fragment until it is done, the result, and its rejected rows as a CSV download (row, column, rule; never a value).
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class ImportsPage {

    private static final int PAGE = 10_000;
    /** htmx's "stop polling" status. */
    static final int STOP_POLLING = 286;

    private final Imports imports;
    private final MailingLists lists;

    ImportsPage(Imports imports, MailingLists lists) {
        this.imports = imports;
        this.lists = lists;
    }

    @GetMapping("/app/imports")
    String form(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("accepted", String.join(", ", Imports.ACCEPTED));
        model.addAttribute("lists", lists.counts(caller.requireAccount()));
        return "console/imports";
    }

    @PostMapping("/app/imports")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam(name = "list", required = false) String list,
                  @RequestParam(name = "consent", required = false) String consent,
                  @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
        try {
            UUID id = imports.start(caller, file, list == null ? null : list.strip(), consent);
            return "redirect:/app/imports/" + id;
        } catch (ImportFileRefused e) {
            response.setStatus(e.unsupportedType() ? HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE
                    : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("refused", e.unsupportedType() ? "imports.wrongType" : "imports.unreadable");
            model.addAttribute("refusedDetail", e.getMessage());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", e.errors());
        }
        model.addAttribute("list", list);
        model.addAttribute("consent", consent);
        return form(caller, model);
    }

    @GetMapping("/app/imports/{id}")
    String run(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("run", find(caller.requireAccount(), id));
        return "console/imports-run";
    }

    /**
     * The part of the import's page that htmx swaps in every second while it runs; once the import is done, status
     * {@value #STOP_POLLING} tells htmx to swap this last one in and stop asking.
     */
    @GetMapping("/app/imports/{id}/progress")
    String progress(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model,
                    HttpServletResponse response) {
        Imports.Status run = find(caller.requireAccount(), id);
        if (run.finished()) {
            response.setStatus(STOP_POLLING);
        }
        model.addAttribute("run", run);
        return "console/imports-run :: progress";
    }

    @GetMapping("/app/imports/{id}/rejections.csv")
    ResponseEntity<byte[]> rejections(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        find(account, id);
        StringBuilder csv = new StringBuilder("row,column,reason\r\n");
        long after = 0;
        List<Imports.Rejection> page;
        do {
            page = imports.rejections(account, id, after, PAGE);
            for (Imports.Rejection r : page) {
                csv.append(r.row()).append(',').append(cell(r.field())).append(',').append(cell(r.reason()))
                        .append("\r\n");
                after = r.row();
            }
        } while (page.size() == PAGE);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-" + id + "-rejections.csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Imports.Status find(AccountId account, UUID id) {
        return imports.find(account, id).orElseThrow(() -> new NotFoundException("Import"));
    }

    /** RFC 4180 quoting, and no cell that a spreadsheet would run as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
