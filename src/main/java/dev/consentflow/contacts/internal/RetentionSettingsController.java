package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.web.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's retention periods: {@code GET /api/retention-settings} (ADMIN, COMPLIANCE) and
 * {@code PUT /api/retention-settings {"behaviourEventMonths": 24}} (ADMIN, 1 to 120 months), audited
 * SETTING_CHANGED.
 */
@RestController
class RetentionSettingsController {

    private final BehaviourRetention retention;

    RetentionSettingsController(BehaviourRetention retention) {
        this.retention = retention;
    }

    record SettingsChange(Integer behaviourEventMonths) {
    }

    @GetMapping("/api/retention-settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    BehaviourRetention.Setting current(@AuthenticationPrincipal Caller caller) {
        return retention.of(caller.requireAccount());
    }

    @PutMapping("/api/retention-settings")
    @PreAuthorize("hasRole('ADMIN')")
    BehaviourRetention.Setting change(@RequestBody SettingsChange change, @AuthenticationPrincipal Caller caller) {
        if (change == null || change.behaviourEventMonths() == null || change.behaviourEventMonths() < 1
                || change.behaviourEventMonths() > 120) {
            throw new InvalidInputException("behaviourEventMonths", "is required: 1 to 120 months");
        }
        return retention.change(caller, change.behaviourEventMonths());
    }
}
