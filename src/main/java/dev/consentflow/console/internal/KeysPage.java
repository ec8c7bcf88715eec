package dev.consentflow.console.internal;

import dev.consentflow.accounts.ApiKeys;
import dev.consentflow.accounts.Caller;
import dev.consentflow.accounts.Role;
import dev.consentflow.web.InvalidInputException;
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

/**
 * The account's API keys, for its ADMINs: name, role, created, last used (never the secret); a new key's secret
 * is shown once, on the answer to its creation (not cached, not in any URL); revocation asks first.
 */
@Controller
@ConsolePage
@PreAuthorize("hasRole('ADMIN')")
class KeysPage {

    private final ApiKeys keys;

    KeysPage(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/app/keys")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("keys", keys.list(caller.requireAccount()));
        model.addAttribute("roles", List.of(Role.ADMIN, Role.MARKETER, Role.COMPLIANCE));
        return "console/keys";
    }

    @PostMapping("/app/keys")
    String create(@RequestParam String name, @RequestParam String role, @AuthenticationPrincipal Caller caller,
                  Model model) {
        Role chosen;
        try {
            chosen = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "must be ADMIN, MARKETER or COMPLIANCE");
        }
        model.addAttribute("created", keys.create(caller, name, chosen));
        return list(caller, model);
    }

    @PostMapping("/app/keys/{id}/revoke")
    String revoke(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        keys.revoke(caller, id);
        return "redirect:/app/keys?revoked";
    }
}
