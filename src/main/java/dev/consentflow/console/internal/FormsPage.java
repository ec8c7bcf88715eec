package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.SignupFormAdmin;
import dev.consentflow.subscription.SignupFormAdmin.FormInfo;
import dev.consentflow.subscription.SignupFormAdmin.FormSpec;
import dev.consentflow.web.InvalidInputException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The marketer's signup forms: the list of them, a new one, and one form's page with its settings, the real public
 * page in a frame as the preview, the embed snippet to copy, and its conversion from the audit log.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class FormsPage {

    private final SignupFormAdmin forms;
    private final MailingLists lists;

    FormsPage(SignupFormAdmin forms, MailingLists lists) {
        this.forms = forms;
        this.lists = lists;
    }

    @GetMapping("/app/forms")
    String all(@AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        model.addAttribute("forms", forms.forms(account));
        model.addAttribute("lists", lists.counts(account));
        return "console/forms";
    }

    @PostMapping("/app/forms")
    String create(@RequestParam String key, @RequestParam String list,
                  @RequestParam(defaultValue = "EMAIL") String channel, @RequestParam(required = false) String fields, @RequestParam(required = false) String title,
                  @RequestParam(required = false) String consentText, @AuthenticationPrincipal Caller caller) {
        FormInfo form = forms.create(caller.requireAccount(), spec(key, list, channel, fields, title, consentText));
        return "redirect:/app/forms/" + form.key() + "?created";
    }

    @GetMapping("/app/forms/{key}")
    String one(@PathVariable String key, @AuthenticationPrincipal Caller caller, Model model) {
        AccountId account = caller.requireAccount();
        model.addAttribute("form", forms.form(account, key));
        model.addAttribute("conversion", forms.conversion(account, key));
        model.addAttribute("lists", lists.counts(account));
        return "console/form";
    }

    @PostMapping("/app/forms/{key}")
    String change(@PathVariable String key, @RequestParam String list,
                  @RequestParam(defaultValue = "EMAIL") String channel, @RequestParam(required = false) String fields,
                  @RequestParam(required = false) String title, @RequestParam(required = false) String consentText,
                  @AuthenticationPrincipal Caller caller) {
        forms.change(caller.requireAccount(), spec(key, list, channel, fields, title, consentText));
        return "redirect:/app/forms/" + key + "?saved";
    }

    private static FormSpec spec(String key, String list, String channel, String fields, String title,
                                 String consentText) {
        Channel chosen;
        try {
            chosen = Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("channel", "must be EMAIL or SMS");
        }
        return new FormSpec(key == null ? null : key.strip(), List.of(list), chosen, MarketingInput.names(fields),
                title, consentText);
    }
}
