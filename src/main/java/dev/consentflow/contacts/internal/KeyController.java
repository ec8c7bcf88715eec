package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API.md section 13: the account's key versions, how many data keys each wraps, and the rotation's progress;
 * {@code POST .../rotate} starts a rotation ({@code 202}; {@code 409} while one runs).
 */
@RestController
class KeyController {

    private final KeyRotations rotations;

    KeyController(KeyRotations rotations) {
        this.rotations = rotations;
    }

    @GetMapping("/api/accounts/current/keys")
    @PreAuthorize("hasAnyRole('ADMIN', 'COMPLIANCE')")
    KeyRotations.KeysState keys(@AuthenticationPrincipal Caller caller) {
        return rotations.state(caller.requireAccount());
    }

    @PostMapping("/api/accounts/current/keys/rotate")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    KeyRotations.KeysState rotate(@AuthenticationPrincipal Caller caller) {
        return rotations.start(caller.requireAccount());
    }
}
