package dev.consentflow.privacy.internal;

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
 * The account's erasure settings: {@code GET /api/erasure-settings} (ADMIN, COMPLIANCE) and
 * {@code PUT /api/erasure-settings {"approvalRequired": true}} (ADMIN): whether an erasure waits for a second
 * person's approval. It applies to requests made after the change.
 */
@RestController
class ErasureSettingsController {

    private final ErasureSettings settings;

    ErasureSettingsController(ErasureSettings settings) {
        this.settings = settings;
    }

    record SettingsView(boolean approvalRequired, Instant updatedAt, String updatedBy) {
        static SettingsView of(ErasureSetting setting) {
            return new SettingsView(setting.approvalRequired(), setting.updatedAt(), setting.updatedBy());
        }
    }

    record SettingsChange(Boolean approvalRequired) {
    }

    @GetMapping("/api/erasure-settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    SettingsView current(@AuthenticationPrincipal Caller caller) {
        return SettingsView.of(settings.of(caller.requireAccount()));
    }

    @PutMapping("/api/erasure-settings")
    @PreAuthorize("hasRole('ADMIN')")
    SettingsView change(@RequestBody SettingsChange change, @AuthenticationPrincipal Caller caller) {
        if (change == null || change.approvalRequired() == null) {
            throw new InvalidInputException("approvalRequired", "is required: true or false");
        }
        return SettingsView.of(settings.change(caller, change.approvalRequired()));
    }
}
