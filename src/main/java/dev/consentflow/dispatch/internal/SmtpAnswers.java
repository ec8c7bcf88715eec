package dev.consentflow.dispatch.internal;

import jakarta.mail.MessagingException;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Reads a failed SMTP transaction: what happens to the message, and whether the connection can go on. */
final class SmtpAnswers {

    private static final Pattern SLOW_DOWN = Pattern.compile(
            "rate|too many|throttl|slow down|busy|volume|unusual|temporarily deferred", Pattern.CASE_INSENSITIVE);
    private static final Pattern GREYLISTED = Pattern.compile("grey ?list|gray ?list", Pattern.CASE_INSENSITIVE);

    private SmtpAnswers() {
    }

    record Outcome(Delivery delivery, boolean connectionBroken) {
    }

    static Outcome classify(MessagingException failure, boolean finalDotSent) {
        int code = replyCode(failure);
        String answer = describe(failure, code);
        boolean answered = code >= 200 && code < 600;
        // 421: the relay is closing the connection, whatever the command was.
        boolean broken = !answered || code == 421;
        if (finalDotSent) {
            if (code >= 500 && code < 600) {
                return new Outcome(Delivery.hard("after data: " + answer), false);
            }
            if (code >= 400 && code < 500) {
                return new Outcome(soft("after data: " + answer, code), broken);
            }
            return new Outcome(Delivery.unknown("no answer after the final dot: " + answer), true);
        }
        if (code >= 500 && code < 600 && isSenderRefused(failure)) {
            // The relay refuses our sender, not this recipient: a configuration problem, retried, no bounce.
            return new Outcome(Delivery.soft("sender refused: " + answer), false);
        }
        if (code >= 500 && code < 600) {
            return new Outcome(Delivery.hard(answer), false);
        }
        return new Outcome(soft(answer, code), broken);
    }

    /**
     * A 421 (the server closes on us) or a 451 that speaks of rates or volume is the provider asking us to slow
     * down; a greylisting or any other 4xx is about this one message only.
     */
    private static Delivery soft(String answer, int code) {
        boolean slowDown = code == 421 || code == 451 && SLOW_DOWN.matcher(answer).find()
                && !GREYLISTED.matcher(answer).find();
        return slowDown ? Delivery.slowDown(answer) : Delivery.soft(answer);
    }

    /** The reply code of the first refusal in the chain, or -1 when the relay gave none (EOF, timeout, I/O). */
    private static int replyCode(MessagingException failure) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            if (e instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
        }
        return -1;
    }

    private static boolean isSenderRefused(MessagingException failure) {
        return failure instanceof SMTPSendFailedException send && send.getCommand() != null
                && send.getCommand().regionMatches(true, 0, "MAIL FROM", 0, 9);
    }

    private static String describe(MessagingException failure, int code) {
        if (code > 0) {
            for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
                if (e instanceof SMTPAddressFailedException || e instanceof SMTPSendFailedException) {
                    return e.getMessage();
                }
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
