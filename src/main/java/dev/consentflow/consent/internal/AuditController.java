package dev.consentflow.consent.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditRecord;
import dev.consentflow.consent.AuditTrail;
import dev.consentflow.consent.ChainVerification;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 6: the account's audit log and the verification of its chain. */
@RestController
class AuditController {

    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;

    private final AuditTrail trail;
    private final FullVerifications fullVerifications;

    AuditController(AuditTrail trail, FullVerifications fullVerifications) {
        this.trail = trail;
        this.fullVerifications = fullVerifications;
    }

    @GetMapping("/api/audit")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    List<AuditRecord> search(@AuthenticationPrincipal Caller caller,
                             @RequestParam(required = false) AuditAction action,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(required = false) Long afterSeq,
                             @RequestParam(required = false) Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        return trail.search(caller.requireAccount(),
                new AuditTrail.Query(action, from, to, afterSeq, limit == null ? DEFAULT_LIMIT : limit));
    }

    /**
     * An account's keys verify their account's chain. A platform operator verifies the platform's chain, or
     * with {@code account} that account's: the chain holds ids and hashes only, no personal data.
     */
    @GetMapping("/api/audit/verify")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE', 'OPERATOR')")
    ChainVerification verify(@AuthenticationPrincipal Caller caller,
                             @RequestParam(required = false) UUID account) {
        if (!caller.isOperator()) {
            if (account != null && !account.equals(caller.requireAccount().value())) {
                throw new InvalidInputException("account", "only platform operators choose the account");
            }
            return trail.verify(caller.requireAccount());
        }
        return trail.verify(account == null ? null : new AccountId(account));
    }

    /** Starts the full re-verification of the chain (from its first entry, every checkpoint too): {@code 202}. */
    @PostMapping("/api/audit/verifications")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE', 'OPERATOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    FullVerifications.Progress startFullVerification(@AuthenticationPrincipal Caller caller,
                                                     @RequestParam(required = false) UUID account) {
        return fullVerifications.start(chainOf(caller, account), caller.actor());
    }

    @GetMapping("/api/audit/verifications/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE', 'OPERATOR')")
    FullVerifications.Progress fullVerification(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                                @RequestParam(required = false) UUID account) {
        return fullVerifications.find(id, chainOf(caller, account))
                .orElseThrow(() -> new NotFoundException("No such verification"));
    }

    private static UUID chainOf(Caller caller, UUID account) {
        if (!caller.isOperator()) {
            if (account != null && !account.equals(caller.requireAccount().value())) {
                throw new InvalidInputException("account", "only platform operators choose the account");
            }
            return caller.requireAccount().value();
        }
        return account == null ? ChainedAuditLog.PLATFORM_CHAIN : account;
    }
}
