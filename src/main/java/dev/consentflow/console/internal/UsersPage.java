package dev.consentflow.console.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account's console users, for its ADMINs: invite by mail, remove. */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class UsersPage {

    private final UserDirectory users;

    UsersPage(UserDirectory users) {
        this.users = users;
    }

    @GetMapping("/app/users")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("users", users.list(caller.requireAccount()));
        model.addAttribute("roles", List.of(Role.ADMIN, Role.MARKETER, Role.COMPLIANCE));
        return "console/users";
    }

    @PostMapping("/app/users")
    String invite(@RequestParam String email, @RequestParam String role, @AuthenticationPrincipal Caller caller) {
        users.invite(caller, email, role);
        return "redirect:/app/users?invited";
    }

    @PostMapping("/app/users/{id}/remove")
    String remove(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        users.remove(caller, id);
        return "redirect:/app/users?removed";
    }
}
