package dev.consentflow.accounts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 2: accounts and keys. */
@RestController
class AccountController {

    private final AccountRegistry management;

    AccountController(AccountRegistry management) {
        this.management = management;
    }

    record NewAccountRequest(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*") String name) {
    }

    record AccountCreated(UUID id, String name, String adminKey) {
    }

    record AccountView(UUID id, String name) {
    }

    record NewKeyRequest(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*") String name,
                         @NotNull Role role) {
    }

    record KeyCreatedView(UUID id, String key, Role role, String name) {
    }

    /** A key as its account's admins see it: never its secret, nor its hash. */
    record KeyView(UUID id, String name, Role role, Instant createdAt, Instant lastUsedAt) {
    }

    @PostMapping("/api/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('OPERATOR')")
    AccountCreated createAccount(@Valid @RequestBody NewAccountRequest request, @AuthenticationPrincipal Caller caller) {
        var created = management.createAccount(request.name().trim(), caller.actor());
        return new AccountCreated(created.account().id(), created.account().name(), created.adminKey());
    }

    @GetMapping("/api/accounts/current")
    AccountView current(@AuthenticationPrincipal Caller caller) {
        if (caller.isOperator()) {
            throw new NotFoundException("Account (operator keys belong to the platform, not to an account)");
        }
        return management.account(caller.requireAccount())
                .map(a -> new AccountView(a.id(), a.name()))
                .orElseThrow(() -> new NotFoundException("Account"));
    }

    @PostMapping("/api/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    KeyCreatedView createKey(@Valid @RequestBody NewKeyRequest request, @AuthenticationPrincipal Caller caller) {
        if (request.role() == Role.OPERATOR) {
            throw new InvalidInputException("role", "an account's admin cannot create platform OPERATOR keys");
        }
        AccountId account = caller.requireAccount();
        var created = management.createKey(account, request.name().trim(), request.role(), null, caller.actor());
        return new KeyCreatedView(created.key().id(), created.secret(), created.key().role(), created.key().name());
    }

    @GetMapping("/api/keys")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "The account's keys that are not revoked (never the secret); last use is exact to a minute")
    @ApiResponse(responseCode = "200", description = "the keys, oldest first")
    @ApiResponse(responseCode = "401", description = "no key, or a key that is not valid", content = @Content)
    @ApiResponse(responseCode = "403", description = "the key is not an ADMIN key", content = @Content)
    List<KeyView> keys(@AuthenticationPrincipal Caller caller) {
        return management.keysOf(caller.requireAccount()).stream()
                .map(k -> new KeyView(k.id(), k.name(), k.role(), k.createdAt(), k.lastUsedAt()))
                .toList();
    }

    @DeleteMapping("/api/keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Revokes a key of the account, the caller's own included: it answers 401 from then on")
    @ApiResponse(responseCode = "204", description = "revoked")
    @ApiResponse(responseCode = "401", description = "no key, or a key that is not valid", content = @Content)
    @ApiResponse(responseCode = "403", description = "the key is not an ADMIN key", content = @Content)
    @ApiResponse(responseCode = "404", description = "no such key in the account, or revoked already",
            content = @Content)
    @ApiResponse(responseCode = "409", description = "the account's last ADMIN key", content = @Content)
    void revokeKey(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        management.revokeKey(caller.requireAccount(), id, caller.actor());
    }
}
