package dev.consentflow.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall (its filter chain takes the one {@link HttpFirewall} bean there is, else a
 * {@link StrictHttpFirewall} of its own): the same strict firewall {@link PathFirewallFilter} runs first, except that
 * a request that filter has firewalled already is let through as it is, its headers and parameters still checked by
 * that filter's wrapper as they are read. Before, every
 * request's path went through the same rules twice, first there and then here, and was wrapped twice (about 1 % of a
 * form post's request thread, SignupConfirmCostBench's profile at 16 clients). Any other request (an error page's
 * dispatch, a request another filter wrapped in between) is firewalled here as before; the response is wrapped here
 * as before.
 */
@Component
class FirewalledOnce implements HttpFirewall {

    /** With Spring Security's defaults, as its filter chain had it and as {@link PathFirewallFilter} has it. */
    private final StrictHttpFirewall strict = new StrictHttpFirewall();

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (PathFirewallFilter.firewalled(request)) {
            return new Checked(request);
        }
        return strict.getFirewalledRequest(request);
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }

    /** Spring Security's chain needs a {@link FirewalledRequest}; this one only passes on to the checked one. */
    private static final class Checked extends FirewalledRequest {

        Checked(HttpServletRequest request) {
            super(request);
        }

        @Override
        public void reset() {
        }
    }
}
