package dev.consentflow.dispatch.internal;

import java.util.regex.Pattern;

/**
 * What one attempt came to, as the relay (or gateway) answered it.
 *
 * @param verdict what happens to the row next
 * @param answer  the relay's answer or the failure
 * @param bounce  for HARD: the recipient's address was refused, so the directory hears of it
 * @param slowDown for SOFT: the receiving side asked us to send less (421, or 451 about rates), so the
 *                 recipient's domain group backs off
 */
record Delivery(Verdict verdict, String answer, boolean bounce, boolean slowDown) {

    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+\\d[\\d ]{5,}\\d|\\d{7,}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
    private static final int MAX_ANSWER = 500;

    enum Verdict {
        /** The relay took the message. */
        SENT,
        /** Refused for now (4xx, no connection, timeout before the data was complete): try again later. */
        SOFT,
        /** Refused for good: not retried. */
        HARD,
        /** The data went out but no answer came back: it may have been delivered, so it is never resent. */
        UNKNOWN
    }

    static Delivery sent(String answer) {
        return new Delivery(Verdict.SENT, answer, false, false);
    }

    static Delivery soft(String answer) {
        return new Delivery(Verdict.SOFT, answer, false, false);
    }

    /** Refused for now because we send too much: try again later, and send less to that provider meanwhile. */
    static Delivery slowDown(String answer) {
        return new Delivery(Verdict.SOFT, answer, false, true);
    }

    /** The relay refused this recipient for good (5xx): the address counts as bounced. */
    static Delivery hard(String answer) {
        return new Delivery(Verdict.HARD, answer, true, false);
    }

    /** Cannot ever be sent, through no fault of the address (unreadable content, say): HARD, no bounce. */
    static Delivery failed(String answer) {
        return new Delivery(Verdict.HARD, answer, false, false);
    }

    static Delivery unknown(String answer) {
        return new Delivery(Verdict.UNKNOWN, answer, false, false);
    }

    /**
     * The answer as it may be stored and logged: relays repeat the address in their answers ("550 5.1.1
     * &lt;anna@example.dk&gt;: unknown"), and the outbox keeps no personal data.
     */
    String redactedAnswer() {
        if (answer == null) {
            return null;
        }
        String safe = LINE_BREAKS.matcher(answer.strip()).replaceAll(" ");
        safe = MAIL_ADDRESS.matcher(safe).replaceAll("[address]");
        safe = PHONE_NUMBER.matcher(safe).replaceAll("[number]");
        return safe.length() > MAX_ANSWER ? safe.substring(0, MAX_ANSWER) : safe;
    }
}
