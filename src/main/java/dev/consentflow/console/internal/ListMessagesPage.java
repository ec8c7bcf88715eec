package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.subscription.ListMessages;
import dev.consentflow.subscription.ListMessages.Draft;
import dev.consentflow.subscription.ListMessages.ListMessage;
import dev.consentflow.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A list's own mails on {@link ListMessages}, as {@code /api/lists/{key}/messages/{kind}}: the editor of one kind's
 * subject, HTML and text, filled with the wording in use (the built-in text in the list's language until the
 * account words it), a preview that the server renders for a sample person while one types (htmx), saving (a
 * wording the mail refuses shows the form again with each field's problem, nothing saved) and the way back to the
 * built-in text.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class ListMessagesPage {

    private final ListMessages messages;
    private final MailingLists lists;

    ListMessagesPage(ListMessages messages, MailingLists lists) {
        this.messages = messages;
        this.lists = lists;
    }

    @GetMapping("/app/lists/{key}/messages/{kind}")
    String one(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller,
               Model model) {
        ListMessage inUse = messages.inUse(caller.requireAccount(), key, kind);
        return page(caller.requireAccount(), inUse, new Draft(inUse.subject(), inUse.html(), inUse.text()), model,
                Map.of());
    }

    @PostMapping("/app/lists/{key}/messages/{kind}")
    String save(@PathVariable String key, @PathVariable String kind, @RequestParam(defaultValue = "") String subject,
                @RequestParam(defaultValue = "") String html, @RequestParam(defaultValue = "") String text,
                @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
        AccountId account = caller.requireAccount();
        ListMessage inUse = messages.inUse(account, key, kind);
        Draft draft = new Draft(subject, html, text);
        try {
            messages.save(account, key, kind, draft);
            return "redirect:/app/lists/" + key + "/messages/" + kind + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(account, inUse, draft, model, problems(e.errors()));
        }
    }

    @PostMapping("/app/lists/{key}/messages/{kind}/reset")
    String reset(@PathVariable String key, @PathVariable String kind, @AuthenticationPrincipal Caller caller) {
        messages.reset(caller.requireAccount(), key, kind);
        return "redirect:/app/lists/" + key + "/messages/" + kind + "?reset";
    }

    /** The preview fragment of what is in the editor now (not saved), for htmx. */
    @PostMapping("/app/lists/{key}/messages/{kind}/preview")
    String preview(@PathVariable String key, @PathVariable String kind,
                   @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String html,
                   @RequestParam(defaultValue = "") String text, @AuthenticationPrincipal Caller caller,
                   Model model) {
        ListMessage inUse = messages.inUse(caller.requireAccount(), key, kind);
        preview(caller.requireAccount(), inUse, new Draft(subject, html, text), model);
        return "console/list-message :: preview";
    }

    private String page(AccountId account, ListMessage inUse, Draft draft, Model model, Map<String, Boolean> errors) {
        model.addAttribute("list", lists.findList(account, inUse.list()).orElseThrow());
        model.addAttribute("message", inUse);
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        preview(account, inUse, draft, model);
        return "console/list-message";
    }

    private void preview(AccountId account, ListMessage inUse, Draft draft, Model model) {
        ListMessages.Preview preview = messages.preview(account, inUse.list(), inUse.kind(), draft);
        model.addAttribute("message", inUse);
        model.addAttribute("preview", preview);
        model.addAttribute("problems", problems(preview.problems()));
    }

    /** The parts with a problem ({@code subject}, {@code html}, {@code text}), each once, in the form's order. */
    private static Map<String, Boolean> problems(java.util.List<InvalidInputException.FieldProblem> problems) {
        Map<String, Boolean> parts = new LinkedHashMap<>();
        for (String part : java.util.List.of("subject", "html", "text")) {
            if (problems.stream().anyMatch(p -> p.field().equals(part))) {
                parts.put(part, true);
            }
        }
        return parts;
    }
}
