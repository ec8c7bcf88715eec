package dev.consentflow.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's frame pages: sign-in, the start page, the refusal page and the language switch. */
@Controller
@ConsolePage
class ConsolePages {

    private final UserDirectory users;

    ConsolePages(UserDirectory users) {
        this.users = users;
    }

    @GetMapping("/app/login")
    String login() {
        return "console/login";
    }

    /** Where a person starts: compliance work for ADMIN and COMPLIANCE, the users for the others. */
    @GetMapping({"/app", "/app/"})
    String home(@RequestAttribute(ActiveUserFilter.USER) ConsoleUser me) {
        return switch (me.role()) {
            case ADMIN, COMPLIANCE -> "redirect:/app/people";
            default -> "console/home";
        };
    }

    /** Where Spring Security forwards a refusal (a missing CSRF token, a role that may not), as a page. */
    @RequestMapping("/app/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }

    @PostMapping("/app/language")
    String language(@RequestParam String language, @RequestParam(required = false) String back,
                    @RequestAttribute(ActiveUserFilter.USER) ConsoleUser me, HttpServletRequest request) {
        if (ConsoleLanguage.LANGUAGES.contains(language)) {
            users.changeLanguage(me, language);
            request.getSession().setAttribute(ConsoleSecurity.LANGUAGE, language);
        }
        return "redirect:" + ownPath(back);
    }

    /** Only a path of the console itself: never an address elsewhere. */
    static String ownPath(String back) {
        if (back == null || !back.startsWith("/app") || back.contains("//") || back.contains("\\")
                || back.chars().anyMatch(c -> c < 0x21)) {
            return "/app";
        }
        return back;
    }
}
