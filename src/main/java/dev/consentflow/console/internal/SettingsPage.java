package dev.consentflow.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** The signed-in user's own settings: the time zone the console shows times in. */
@Controller
@ConsolePage
class SettingsPage {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private final ConsoleTimeZone zones;

    SettingsPage(ConsoleTimeZone zones) {
        this.zones = zones;
    }

    @GetMapping("/app/settings")
    String settings(@RequestAttribute(ActiveUserFilter.USER) ConsoleUser me, HttpServletRequest request,
                    Model model) {
        model.addAttribute("zones", ZONES);
        model.addAttribute("chosen", zones.chosen(request).map(ZoneId::getId).orElse(""));
        model.addAttribute("browserZone", ConsoleTimeZone.browsers(request).map(ZoneId::getId).orElse(null));
        model.addAttribute("now", java.time.Instant.now());
        return "console/settings";
    }

    @PostMapping("/app/settings/time-zone")
    String timeZone(@RequestParam(required = false) String zone,
                    @RequestAttribute(ActiveUserFilter.USER) ConsoleUser me, HttpServletRequest request) {
        zones.choose(me, zone, request);
        return "redirect:/app/settings?saved";
    }
}
