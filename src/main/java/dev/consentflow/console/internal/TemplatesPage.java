package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.campaigns.Templates;
import dev.consentflow.campaigns.Templates.TemplateView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The marketer's templates: the list, a new one, and the editor of subject, HTML and text with a preview that the
 * server renders for a sample contact as a campaign would (htmx, while typing), and a test to one's own address.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class TemplatesPage {

    static final int MAX_PART = 500_000;

    private final Templates templates;

    TemplatesPage(Templates templates) {
        this.templates = templates;
    }

    @GetMapping("/app/templates")
    String all(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("templates", templates.templates(caller.requireAccount()));
        return "console/templates";
    }

    @GetMapping("/app/templates/new")
    String fresh(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("template", null);
        model.addAttribute("preview", templates.preview(caller.requireAccount(), "", "", ""));
        return "console/template";
    }

    @PostMapping("/app/templates")
    String create(@RequestParam String key, @RequestParam String subject, @RequestParam String html,
                  @RequestParam String text, @AuthenticationPrincipal Caller caller) {
        TemplateView created = templates.create(caller.requireAccount(), MarketingInput.key("key", key),
                MarketingInput.line("subject", subject, 998, true), MarketingInput.text("html", html, MAX_PART),
                MarketingInput.text("text", text, MAX_PART));
        return "redirect:/app/templates/" + created.key() + "?created";
    }

    @GetMapping("/app/templates/{key}")
    String one(@PathVariable String key, @AuthenticationPrincipal Caller caller, Model model) {
        TemplateView template = templates.template(caller.requireAccount(), key);
        model.addAttribute("template", template);
        model.addAttribute("preview", templates.preview(caller.requireAccount(), template.subject(), template.html(),
                template.text()));
        return "console/template";
    }

    @PostMapping("/app/templates/{key}")
    String change(@PathVariable String key, @RequestParam String subject, @RequestParam String html,
                  @RequestParam String text, @AuthenticationPrincipal Caller caller) {
        templates.change(caller.requireAccount(), key, MarketingInput.line("subject", subject, 998, true),
                MarketingInput.text("html", html, MAX_PART), MarketingInput.text("text", text, MAX_PART));
        return "redirect:/app/templates/" + key + "?saved";
    }

    /** The preview fragment of what is in the editor now (not saved), for htmx. */
    @PostMapping("/app/templates/preview")
    String preview(@RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String html,
                   @RequestParam(defaultValue = "") String text, @AuthenticationPrincipal Caller caller,
                   Model model) {
        model.addAttribute("preview", templates.preview(caller.requireAccount(),
                MarketingInput.line("subject", subject, 998, false) == null ? "" : subject.strip(),
                html.length() > MAX_PART ? "" : html, text.length() > MAX_PART ? "" : text));
        return "console/template :: preview";
    }

    @PostMapping("/app/templates/{key}/test")
    String test(@PathVariable String key, @RequestAttribute(ActiveUserFilter.USER) ConsoleUser me,
                @AuthenticationPrincipal Caller caller) {
        templates.sendTest(caller.requireAccount(), key, me.email());
        return "redirect:/app/templates/" + key + "?tested";
    }
}
