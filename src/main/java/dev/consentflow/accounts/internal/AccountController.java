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
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API.md section 2: accounts and keys. */
@RestController
class AccountController {

    private final AccountManagement management;

    AccountController(AccountManagement management) {
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
}
