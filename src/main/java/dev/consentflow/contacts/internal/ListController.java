package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.Caller;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 3: an account's mailing lists. */
@RestController
class ListController {

    private final Lists lists;

    ListController(Lists lists) {
        this.lists = lists;
    }

    record NewList(@NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 of a-z, 0-9 and -")
                   String key,
                   @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                           message = "must not contain control characters or line breaks") String name,
                   @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
                           message = "must not contain control characters or line breaks") String brand,
                   String language, Boolean trackOpens, Boolean trackClicks) {
    }

    /** {@code PATCH /api/lists/{key}}: what is given changes, the rest stays. */
    record ListChange(String language, Boolean trackOpens, Boolean trackClicks) {
    }

    record ListView(UUID id, String key, String name, String brand, Instant createdAt, String language,
                    boolean trackOpens, boolean trackClicks) {
        static ListView of(MailingList list) {
            return new ListView(list.id(), list.key(), list.name(), list.brand(), list.createdAt(), list.language(),
                    list.trackOpens(), list.trackClicks());
        }
    }

    @PostMapping("/api/lists")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ListView create(@Valid @RequestBody NewList request, @AuthenticationPrincipal Caller caller) {
        String brand = request.brand() == null || request.brand().isBlank() ? null : request.brand().strip();
        return ListView.of(lists.create(caller.requireAccount(), request.key(), request.name().strip(), brand,
                new Lists.Settings(request.language(), request.trackOpens(), request.trackClicks())));
    }

    @PatchMapping("/api/lists/{key}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    ListView change(@PathVariable String key, @RequestBody ListChange request,
                    @AuthenticationPrincipal Caller caller) {
        return ListView.of(lists.change(caller.requireAccount(), key,
                new Lists.Settings(request.language(), request.trackOpens(), request.trackClicks())));
    }

    @GetMapping("/api/lists")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER', 'COMPLIANCE', 'OPERATOR')")
    List<ListView> all(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) UUID account) {
        return lists.all(caller.readScope(account)).stream().map(ListView::of).toList();
    }
}
