package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.web.InvalidInputException;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's deliverability thresholds: {@code GET /api/deliverability-settings} (ADMIN, MARKETER) and
 * {@code PUT /api/deliverability-settings {"hardBounceRate": 0.05, "complaintRate": 0.001}} (ADMIN): the rates
 * (fractions, above 0 and at most 1) past which a sending campaign pauses itself. They apply from the next check.
 */
@RestController
class DeliverabilitySettingsController {

    private final DeliverabilitySettings settings;

    DeliverabilitySettingsController(DeliverabilitySettings settings) {
        this.settings = settings;
    }

    record SettingsView(double hardBounceRate, double complaintRate, long minimumMessages, Instant updatedAt,
                        String updatedBy) {
        static SettingsView of(DeliverabilitySettings.Thresholds t) {
            return new SettingsView(t.hardBounceRate(), t.complaintRate(), DeliverabilitySettings.MIN_MESSAGES,
                    t.updatedAt(), t.updatedBy());
        }
    }

    record SettingsChange(Double hardBounceRate, Double complaintRate) {
    }

    @GetMapping("/api/deliverability-settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'MARKETER')")
    SettingsView current(@AuthenticationPrincipal Caller caller) {
        return SettingsView.of(settings.of(caller.requireAccount()));
    }

    @PutMapping("/api/deliverability-settings")
    @PreAuthorize("hasRole('ADMIN')")
    SettingsView change(@RequestBody SettingsChange change, @AuthenticationPrincipal Caller caller) {
        if (change == null) {
            throw new InvalidInputException("hardBounceRate", "is required");
        }
        check("hardBounceRate", change.hardBounceRate());
        check("complaintRate", change.complaintRate());
        return SettingsView.of(settings.change(caller.requireAccount(), change.hardBounceRate(),
                change.complaintRate(), caller.actor()));
    }

    private static void check(String field, Double rate) {
        if (rate == null || rate.isNaN() || rate <= 0 || rate > 1) {
            throw new InvalidInputException(field, "is required: a fraction above 0 and at most 1 (0.05 is 5 %)");
        }
        if (Math.round(rate * 100_000) == 0) {
            throw new InvalidInputException(field, "must be at least 0.00001");
        }
    }
}
