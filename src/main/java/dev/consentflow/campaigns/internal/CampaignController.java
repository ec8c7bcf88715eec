package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.campaigns.Campaigns;
import dev.consentflow.campaigns.Campaigns.CampaignStatus;
import dev.consentflow.campaigns.Campaigns.CampaignSummary;
import dev.consentflow.campaigns.Campaigns.Statistics;
import dev.consentflow.campaigns.CampaignState;
import dev.consentflow.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 7: campaigns, their send and their ledger. */
@RestController
class CampaignController {

    /** The largest page of {@code GET /api/campaigns}. */
    static final int MAX_PAGE = 500;

    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** When to send; null takes the campaign off the schedule. */
    record Schedule(Instant at) {
    }

    record NewCampaign(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}\\u2028\\u2029]*",
            message = "must not contain control characters or line breaks") String name,
                       @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a list key") String list,
                       @NotNull @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a template key")
                       String template) {
    }

    @PostMapping("/api/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    Map<String, UUID> create(@Valid @RequestBody NewCampaign request, @AuthenticationPrincipal Caller caller) {
        return Map.of("id", campaigns.create(caller.requireAccount(), request.name().strip(), request.list(),
                request.template()));
    }

    // The body is optional: the bench and most clients post {} or nothing.
    @PostMapping("/api/campaigns/{id}/send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    Map<String, Object> send(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> ignored,
                             @AuthenticationPrincipal Caller caller) {
        campaigns.send(caller.requireAccount(), id);
        return Map.of("id", id, "status", CampaignState.SENDING);
    }

    /** A campaign that paused itself (bounce or complaint rate over the thresholds) goes on where it stopped. */
    @PostMapping("/api/campaigns/{id}/resume")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    CampaignStatus resume(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        campaigns.resume(caller.requireAccount(), id);
        return campaigns.status(caller.requireAccount(), id);
    }

    @GetMapping("/api/campaigns/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    CampaignStatus status(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return campaigns.status(caller.requireAccount(), id);
    }

    @PostMapping("/api/campaigns/{id}/schedule")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    CampaignSummary schedule(@PathVariable UUID id, @RequestBody Schedule request,
                             @AuthenticationPrincipal Caller caller) {
        campaigns.schedule(caller.requireAccount(), id, request.at());
        return campaigns.campaign(caller.requireAccount(), id);
    }

    /** How many a send would reach now (the list's CONFIRMED subscriptions), to confirm a send. */
    @GetMapping("/api/campaigns/{id}/audience")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    Map<String, Object> audience(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return Map.of("id", id, "audience", campaigns.audienceNow(caller.requireAccount(), id));
    }

    @GetMapping("/api/campaigns/{id}/statistics")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    Statistics statistics(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        return campaigns.statistics(caller.requireAccount(), id);
    }

    @GetMapping("/api/campaigns")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    List<CampaignSummary> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) UUID before,
                               @AuthenticationPrincipal Caller caller) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_PAGE);
        }
        return campaigns.campaigns(caller.requireAccount(), before, limit);
    }
}
