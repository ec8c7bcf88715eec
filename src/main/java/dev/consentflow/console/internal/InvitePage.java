package dev.consentflow.console.internal;

import dev.consentflow.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invitation link: {@code GET} shows the password form and changes nothing; {@code POST} sets the password
 * and uses the link up. An unknown, expired or used link answers 410 with the same page for every case.
 */
@Controller
@ConsolePage
class InvitePage {

    private final UserDirectory users;

    InvitePage(UserDirectory users) {
        this.users = users;
    }

    @GetMapping("/app/invite/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        Optional<ConsoleUser> invited = users.invited(token);
        if (invited.isEmpty()) {
            return gone(response);
        }
        model.addAttribute("email", invited.get().email());
        model.addAttribute("token", token);
        return "console/invite";
    }

    @PostMapping("/app/invite/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String repeat, Model model, HttpServletResponse response) {
        Optional<ConsoleUser> invited = users.invited(token);
        if (invited.isEmpty()) {
            return gone(response);
        }
        String problem = !password.equals(repeat) ? "invite.mismatch" : null;
        if (problem == null) {
            try {
                UserDirectory.checkPassword(password);
            } catch (InvalidInputException e) {
                problem = "invite.tooShort";
            }
        }
        if (problem != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("email", invited.get().email());
            model.addAttribute("token", token);
            model.addAttribute("problem", problem);
            return "console/invite";
        }
        return users.accept(token, password).isPresent() ? "redirect:/app/login?joined" : gone(response);
    }

    private static String gone(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_GONE);
        return "console/gone";
    }
}
