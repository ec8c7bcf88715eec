package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
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

/**
 * API.md section 11: an account's console users, for its ADMIN keys. {@code POST /api/users} answers 201 and
 * sends the invitation; the first ADMIN of an account is invited this way with the account's admin key.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class UserController {

    private final UserDirectory directory;

    UserController(UserDirectory directory) {
        this.directory = directory;
    }

    record NewUser(String email, String role) {
    }

    record UserView(UUID id, String email, Role role, ConsoleUser.Status status, Instant createdAt,
                    Instant joinedAt) {

        static UserView of(ConsoleUser user) {
            return new UserView(user.id(), user.email(), user.role(), user.status(), user.createdAt(),
                    user.joinedAt());
        }
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView invite(@RequestBody NewUser body, @AuthenticationPrincipal Caller caller) {
        return UserView.of(directory.invite(caller, body.email(), body.role()));
    }

    @GetMapping("/api/users")
    List<UserView> list(@AuthenticationPrincipal Caller caller) {
        return directory.list(caller.requireAccount()).stream().map(UserView::of).toList();
    }

    @DeleteMapping("/api/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        directory.remove(caller, id);
    }
}
