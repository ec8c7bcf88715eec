package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md sections 3 and 10: an account's mailing lists, with their language and tracking, and each list's counts
 * and weekly growth and churn.
 */
@RestController
class ListController {

    /** The most weeks {@code GET /api/lists/{key}/statistics} answers. */
    static final int MAX_WEEKS = 104;

    private final Lists lists;
    private final MailingLists statistics;

    ListController(Lists lists, MailingLists statistics) {
        this.lists = lists;
        this.statistics = statistics;
    }

    /**
     * A new list. {@code tracking} turns the open pixel and tracked links on together; {@code trackOpens} and
     * {@code trackClicks} set them one by one and win over it.
     */
    record NewList(@NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 of a-z, 0-9 and -")
                   String key,
                   @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                           message = "must not contain control characters or line breaks") String name,
                   @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                           message = "must not contain control characters or line breaks") String brand,
                   String language, Boolean tracking, Boolean trackOpens, Boolean trackClicks) {
    }

    /**
     * {@code PUT} or {@code PATCH /api/lists/{key}}: what is given changes, the rest stays (the key never changes:
     * forms, flows and evidence name it). A blank {@code brand} removes the brand.
     */
    record ListChange(@Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
            message = "must not contain control characters or line breaks") String name,
                      @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                              message = "must not contain control characters or line breaks") String brand,
                      String language, Boolean tracking, Boolean trackOpens, Boolean trackClicks) {
    }

    /** A list's counts by status now and its weekly growth and churn. */
    record ListStatisticsView(MailingLists.ListCounts counts, List<MailingLists.ListWeek> weeks) {
    }

    record ListView(UUID id, String key, String name, String brand, Instant createdAt, String language,
                    boolean tracking, boolean trackOpens, boolean trackClicks) {
        static ListView of(MailingList list) {
            return new ListView(list.id(), list.key(), list.name(), list.brand(), list.createdAt(), list.language(),
                    list.trackOpens() || list.trackClicks(), list.trackOpens(), list.trackClicks());
        }
    }

    @PostMapping("/api/lists")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ListView create(@Valid @RequestBody NewList request, @AuthenticationPrincipal Caller caller) {
        return ListView.of(lists.create(caller.requireAccount(), request.key(), request.name().strip(),
                brand(request.brand()), settings(request.language(), request.tracking(), request.trackOpens(),
                        request.trackClicks())));
    }

    @PutMapping("/api/lists/{key}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    @Transactional
    ListView replace(@PathVariable String key, @Valid @RequestBody ListChange request,
                     @AuthenticationPrincipal Caller caller) {
        return change(key, request, caller);
    }

    @PatchMapping("/api/lists/{key}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    @Transactional
    ListView change(@PathVariable String key, @Valid @RequestBody ListChange request,
                    @AuthenticationPrincipal Caller caller) {
        AccountId account = caller.requireAccount();
        MailingList list = lists.find(account, key).orElseThrow(() -> new NotFoundException("List"));
        if (request.name() != null && request.name().isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        return ListView.of(lists.change(account, key, request.name() == null ? list.name() : request.name().strip(),
                request.brand() == null ? list.brand() : brand(request.brand()), settings(request.language(),
                        request.tracking(), request.trackOpens(), request.trackClicks())));
    }

    @GetMapping("/api/lists/{key}/statistics")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ListStatisticsView statistics(@PathVariable String key, @RequestParam(defaultValue = "12") int weeks,
                                  @AuthenticationPrincipal Caller caller) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new InvalidInputException("weeks", "must be between 1 and " + MAX_WEEKS);
        }
        return new ListStatisticsView(statistics.counts(caller.requireAccount(), key),
                statistics.weeks(caller.requireAccount(), key, weeks));
    }

    @GetMapping("/api/lists")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE', 'OPERATOR')")
    List<ListView> all(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) UUID account) {
        return lists.all(caller.readScope(account)).stream().map(ListView::of).toList();
    }

    static String brand(String brand) {
        return brand == null || brand.isBlank() ? null : brand.strip();
    }

    private static Lists.Settings settings(String language, Boolean tracking, Boolean opens, Boolean clicks) {
        return new Lists.Settings(language, opens == null ? tracking : opens, clicks == null ? tracking : clicks);
    }
}
