package dev.consentflow.console.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.brands.BrandRecords;
import dev.consentflow.brands.BrandRecords.BrandView;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.ListKeyTaken;
import dev.consentflow.contacts.ListLanguage;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.MailingLists.ListSettings;
import dev.consentflow.contacts.MailingLists.ListWeek;
import dev.consentflow.subscription.ListMessages;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * list, and one list's page with a chart of the last twelve weeks' growth and churn, its settings (name, a brand of
 * the account, language, tracking) and its own mails. Bad input shows the form again with the field's problem.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
class ListsPage {

    static final int WEEKS = 12;

    private final MailingLists lists;
    private final BrandRecords brands;
    private final ListMessages messages;

    ListsPage(MailingLists lists, BrandRecords brands, ListMessages messages) {
        this.lists = lists;
        this.brands = brands;
        this.messages = messages;
    }

    /** A list's settings as the forms send them; the tracking boxes are absent when not ticked. */
    record ListForm(String key, String name, String brand, String language, boolean trackOpens,
                    boolean trackClicks) {
    }

    @GetMapping("/app/lists")
    String all(@AuthenticationPrincipal Caller caller, Model model) {
        return all(caller.requireAccount(), model, new ListForm("", "", "", ListLanguage.DEFAULT, false, false),
                Map.of());
    }

    /** The counts table alone, for the page's htmx refresh. */
    @GetMapping("/app/lists/counts")
    String counts(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("lists", lists.counts(caller.requireAccount()));
        model.addAttribute("brandNames", brandNames(brands.all(caller.requireAccount())));
        return "console/lists :: counts";
    }

    @PostMapping("/app/lists")
    String create(@RequestParam(defaultValue = "") String key, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String brand,
                  @RequestParam(defaultValue = ListLanguage.DEFAULT) String language,
                  @RequestParam(defaultValue = "false") boolean trackOpens,
                  @RequestParam(defaultValue = "false") boolean trackClicks,
                  @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
        AccountId account = caller.requireAccount();
        ListForm form = new ListForm(key, name, brand, language, trackOpens, trackClicks);
        try {
            String listKey = MarketingInput.key("key", key);
            lists.create(account, listKey, settings(account, form, null));
            return "redirect:/app/lists/" + listKey + "?created";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return all(account, model, form, MarketingInput.fields(e));
        } catch (ListKeyTaken e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return all(account, model, form, Map.of("keyTaken", true));
        }
    }

    @GetMapping("/app/lists/{key}")
    String one(@PathVariable String key, @AuthenticationPrincipal Caller caller, Model model) {
        ListInfo list = find(caller.requireAccount(), key);
        return one(caller.requireAccount(), list, model, new ListForm(list.key(), list.name(),
                list.brand() == null ? "" : list.brand(), list.language(), list.trackOpens(), list.trackClicks()),
                Map.of());
    }

    @PostMapping("/app/lists/{key}")
    String change(@PathVariable String key, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String brand,
                  @RequestParam(defaultValue = ListLanguage.DEFAULT) String language,
                  @RequestParam(defaultValue = "false") boolean trackOpens,
                  @RequestParam(defaultValue = "false") boolean trackClicks,
                  @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
        AccountId account = caller.requireAccount();
        ListInfo list = find(account, key);
        ListForm form = new ListForm(key, name, brand, language, trackOpens, trackClicks);
        try {
            lists.change(account, key, settings(account, form, list.brand()));
            return "redirect:/app/lists/" + key + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return one(account, list, model, form, MarketingInput.fields(e));
        }
    }

    private String all(AccountId account, Model model, ListForm form, Map<String, Boolean> errors) {
        model.addAttribute("lists", lists.counts(account));
        List<BrandView> all = brands.all(account);
        model.addAttribute("brands", all);
        model.addAttribute("brandNames", brandNames(all));
        model.addAttribute("languages", ListLanguage.CODES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/lists";
    }

    private String one(AccountId account, ListInfo list, Model model, ListForm form, Map<String, Boolean> errors) {
        List<ListWeek> weeks = lists.weeks(account, list.key(), WEEKS);
        model.addAttribute("list", lists.counts(account, list.key()));
        model.addAttribute("settings", list);
        model.addAttribute("weeks", weeks);
        model.addAttribute("chart", Charts.weeks(weeks));
        List<BrandView> all = brands.all(account);
        model.addAttribute("brands", all);
        model.addAttribute("brandNames", brandNames(all));
        model.addAttribute("languages", ListLanguage.CODES);
        model.addAttribute("messages", messages.all(account, list.key()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/list";
    }

    /** Each brand's name by its key: the pages name a list's brand as people know it, not by its key. */
    private static Map<String, String> brandNames(List<BrandView> brands) {
        return brands.stream().collect(Collectors.toMap(BrandView::key, BrandView::name, (a, b) -> a));
    }

    /**
     * The settings to write, after the API's checks of name and language and one of the console's own: the brand is
     * one of the account's brand records (or none), or the one the list has (a key without a record, from before).
     */
    private ListSettings settings(AccountId account, ListForm form, String current) {
        String name = MarketingInput.line("name", form.name(), 200, true);
        String brand = MarketingInput.line("brand", form.brand(), 100, false);
        if (brand != null && !brand.equals(current)
                && brands.all(account).stream().noneMatch(b -> b.key().equals(brand))) {
            throw new InvalidInputException("brand", "is not a brand of this account");
        }
        if (!ListLanguage.isSupported(form.language())) {
            throw new InvalidInputException("language", "must be one of " + String.join(", ", ListLanguage.CODES));
        }
        return new ListSettings(name, brand, form.language(), form.trackOpens(), form.trackClicks());
    }

    private ListInfo find(AccountId account, String key) {
        return lists.findList(account, key).orElseThrow(() -> new NotFoundException("List"));
    }
}
