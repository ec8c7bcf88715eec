package dev.consentflow.console.internal;

import dev.consentflow.accounts.Accounts;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page frame's model on every console page (the user, the account's name), and the console's answer to
 * bad input: a page saying what went wrong, with the status the API would give, never a stack trace or JSON.
 *
 * <p>Which controllers that is, Spring MVC asks for every request it serves, form posts and API calls too (the
 * frame's model is looked for on every handler). Selected by annotation ({@link ConsolePage}), each such request
 * searched its controller's class hierarchy for it (1 % of a form post's request thread, SignupConfirmCostBench's
 * profile at 16 clients); so the pages are named here by class, a check of the class alone, and
 * {@code ConsoleAdviceTest} holds this list to the pages marked {@link ConsolePage}.
 */
@ControllerAdvice(assignableTypes = {AuditPage.class, AutomationsPage.class, BrandsPage.class, CampaignPage.class,
        CampaignsPage.class, ConsolePages.class, DecisionsPage.class, FormsPage.class, ImportsPage.class,
        InvitePage.class, KeysPage.class, ListMessagesPage.class, ListsPage.class, PeoplePage.class,
        PersonActions.class, RecordPage.class, SettingsPage.class, TemplatesPage.class, UsersPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final Accounts accounts;

    ConsoleAdvice(Accounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute
    void frame(HttpServletRequest request, Model model) {
        if (request.getAttribute(ActiveUserFilter.USER) instanceof ConsoleUser me) {
            model.addAttribute("me", me);
            model.addAttribute("accountName", accounts.nameOf(me.account()).orElse(""));
        }
        model.addAttribute("path", request.getRequestURI());
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletResponse response, Model model) {
        return problem(response, model, HttpServletResponse.SC_NOT_FOUND, "problem.notFound", null);
    }

    /**
     * A module's fact with its status ({@code ContactAlreadyErased}, {@code RequestAlreadyDecided}, ... say
     * {@link ResponseStatus} CONFLICT) as the problem page of that status. Anything else is thrown on unchanged, to
     * the resolvers and filters after this one (Spring Security's refusals among them).
     */
    @ExceptionHandler(RuntimeException.class)
    String fact(RuntimeException e, HttpServletResponse response, Model model) {
        ResponseStatus fact = AnnotatedElementUtils.findMergedAnnotation(e.getClass(), ResponseStatus.class);
        if (fact == null) {
            throw e;
        }
        String title = fact.code() == HttpStatus.CONFLICT ? "problem.conflict" : "problem.invalid";
        return problem(response, model, fact.code().value(), title, e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, HttpServletResponse response, Model model) {
        String detail = e.errors().stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
        return problem(response, model, HttpServletResponse.SC_BAD_REQUEST, "problem.invalid", detail);
    }

    private static String problem(HttpServletResponse response, Model model, int status, String title,
                                  String detail) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("problemTitle", title);
        model.addAttribute("detail", detail);
        return "console/problem";
    }
}
