package dev.consentflow.contacts;

import dev.consentflow.accounts.AccountId;

/**
 * The double opt-in path of {@code POST /api/subscriptions}: a request without {@code "confirmed": true}.
 * The contacts module owns the endpoint. It authenticates the key, checks the body (address syntax, E.164, the
 * list exists, custom fields, IP) and hands the request to the one bean that implements this interface, which
 * the subscription module provides. Until one exists, such requests answer {@code 501} and write nothing.
 */
public interface UnconfirmedSubscriptions {

    /**
     * Starts a double opt-in for a checked request, in its own transaction. The evidence holds the request's
     * time, the {@code ip} and {@code userAgent} of the body and its consent text; the source is {@code API}.
     * May throw the web module's exceptions ({@code TooManyRequestsException}, {@code ConflictException},
     * {@code InvalidInputException}), which answer as problem JSON.
     *
     * @return what the endpoint answers with {@code 202}: {@code {"subscriberId", "status"}}
     */
    Accepted start(AccountId account, Signup signup);

    /** The answer to the integration; {@code subscriberId} may be null when there is none to show. */
    record Accepted(SubscriberId subscriberId, SubscriptionStatus status) {
    }
}
