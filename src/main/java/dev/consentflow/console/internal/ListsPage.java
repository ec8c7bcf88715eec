package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.MailingLists.ListWeek;
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
 * The marketer's lists: every list with its counts by status (refreshed in place while the page is open), a new
 * list, and one list's page with its name, brand and a chart of the last twelve weeks' growth and churn.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class ListsPage {

    static final int WEEKS = 12;

    private final MailingLists lists;

    ListsPage(MailingLists lists) {
        this.lists = lists;
    }

    @GetMapping("/app/lists")
    String all(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("lists", lists.counts(caller.requireAccount()));
        return "console/lists";
    }

    /** The counts table alone, for the page's htmx refresh. */
    @GetMapping("/app/lists/counts")
    String counts(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("lists", lists.counts(caller.requireAccount()));
        return "console/lists :: counts";
    }

    @PostMapping("/app/lists")
    String create(@RequestParam String key, @RequestParam String name, @RequestParam(required = false) String brand,
                  @AuthenticationPrincipal Caller caller) {
        String listKey = MarketingInput.key("key", key);
        lists.create(caller.requireAccount(), listKey, MarketingInput.line("name", name, 200, true),
                MarketingInput.line("brand", brand, 100, false));
        return "redirect:/app/lists/" + listKey + "?created";
    }

    @GetMapping("/app/lists/{key}")
    String one(@PathVariable String key, @AuthenticationPrincipal Caller caller, Model model) {
        List<ListWeek> weeks = lists.weeks(caller.requireAccount(), key, WEEKS);
        model.addAttribute("list", lists.counts(caller.requireAccount(), key));
        model.addAttribute("weeks", weeks);
        model.addAttribute("chart", Charts.weeks(weeks));
        return "console/list";
    }

    @PostMapping("/app/lists/{key}")
    String change(@PathVariable String key, @RequestParam String name, @RequestParam(required = false) String brand,
                  @AuthenticationPrincipal Caller caller) {
        lists.change(caller.requireAccount(), key, MarketingInput.line("name", name, 200, true),
                MarketingInput.line("brand", brand, 100, false));
        return "redirect:/app/lists/" + key + "?saved";
    }
}
