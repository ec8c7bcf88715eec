package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.List;

/**
 * A list's own wording of its built-in mails ({@code confirmation}, {@code reminder}, {@code welcome},
 * {@code resubscription}), as {@code /api/lists/{key}/messages/{kind}} and the console keep it (API.md section 10):
 * the wording in use (the account's, or the built-in text in the list's language), a new wording checked for its
 * placeholders (every problem in one {@code 400}), the way back to the built-in text, and a preview rendered for a
 * sample person by the renderer that sends it. An unknown list or kind is a {@code 404}.
 */
public interface ListMessages {

    /** The kinds, in the order a person meets them. */
    List<String> KINDS = List.of("confirmation", "reminder", "welcome", "resubscription");

    /** A wording; {@code required} is the link placeholder that its HTML and text must hold. */
    record ListMessage(String list, String kind, String language, boolean builtIn, String subject, String html,
                       String text, List<String> placeholders, String required) {
    }

    /** What a person typed; null parts are missing. */
    record Draft(String subject, String html, String text) {
    }

    /** A rendered wording, with what a save would refuse in it (empty when none). */
    record Preview(String subject, String html, String text, List<FieldProblem> problems) {
    }

    /** Every kind of the list, in {@link #KINDS}' order. */
    List<ListMessage> all(AccountId account, String listKey);

    ListMessage inUse(AccountId account, String listKey, String kind);

    ListMessage save(AccountId account, String listKey, String kind, Draft wording);

    /** Back to the built-in text in the list's language. */
    void reset(AccountId account, String listKey, String kind);

    /** The draft rendered as it is, problems named, or the wording in use for a null draft. */
    Preview preview(AccountId account, String listKey, String kind, Draft draft);
}
