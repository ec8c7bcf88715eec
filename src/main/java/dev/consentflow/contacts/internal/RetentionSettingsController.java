package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's retention periods: {@code GET /api/retention-settings} (ADMIN, COMPLIANCE) and
 * {@code PUT /api/retention-settings {"behaviourEventMonths": 24, "engineHistoryMonths": 36}} (ADMIN, 1 to 120
 * months each; either may be left out and stays), each change audited SETTING_CHANGED.
 */
@RestController
class RetentionSettingsController {

    private final BehaviourRetention retention;
    private final HistoryRetention history;
    private final AuditAtCommit audit;
    private final TransactionTemplate transactions;

    RetentionSettingsController(BehaviourRetention retention, HistoryRetention history, AuditAtCommit audit,
                                TransactionTemplate transactions) {
        this.retention = retention;
        this.history = history;
        this.audit = audit;
        this.transactions = transactions;
    }

    record SettingsChange(Integer behaviourEventMonths, Integer engineHistoryMonths) {
    }

    /**
     * @param behaviourEventMonths how long opens, clicks and geo events are kept
     * @param engineHistoryMonths  how long the process steps of finished platform processes (the timeline's) are
     *                             kept after the instance ended; the audit entries are kept for ever
     * @param engineHistoryBefore  steps of instances that ended before this were removed (the last run), or null
     */
    record Settings(int behaviourEventMonths, int engineHistoryMonths, Instant engineHistoryBefore,
                    Instant updatedAt, String updatedBy) {
    }

    @GetMapping("/api/retention-settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    Settings current(@AuthenticationPrincipal Caller caller) {
        return settings(caller.requireAccount());
    }

    @PutMapping("/api/retention-settings")
    @PreAuthorize("hasRole('ADMIN')")
    Settings change(@RequestBody SettingsChange change, @AuthenticationPrincipal Caller caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (change == null || change.behaviourEventMonths() == null && change.engineHistoryMonths() == null) {
            throw new InvalidInputException("behaviourEventMonths", "is required: 1 to 120 months "
                    + "(or engineHistoryMonths)");
        }
        if (outOfRange(change.behaviourEventMonths())) {
            problems.add(new FieldProblem("behaviourEventMonths", "must be 1 to 120 months"));
        }
        if (outOfRange(change.engineHistoryMonths())) {
            problems.add(new FieldProblem("engineHistoryMonths", "must be 1 to " + HistoryRetention.MAX_MONTHS
                    + " months"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        AccountId account = caller.requireAccount();
        transactions.executeWithoutResult(status -> {
            retention.change(caller, change.behaviourEventMonths());
            if (change.engineHistoryMonths() != null) {
                history.change(account, change.engineHistoryMonths(), caller.actor());
                audit.append(new AuditEntry(account, null, AuditAction.SETTING_CHANGED, caller.actor(),
                        Map.of("setting", ProcessHistoryRetention.SETTING, "value", change.engineHistoryMonths()),
                        null));
            }
        });
        return settings(account);
    }

    private Settings settings(AccountId account) {
        BehaviourRetention.Setting behaviour = retention.of(account);
        HistoryRetention.Period engine = history.of(account);
        return new Settings(behaviour.behaviourEventMonths(), engine.months(), engine.removedBefore(),
                behaviour.updatedAt(), behaviour.updatedBy());
    }

    private static boolean outOfRange(Integer months) {
        return months != null && (months < 1 || months > 120);
    }
}
