package dev.consentflow.dispatch;

/**
 * What came back about the messages of one batch (a campaign).
 *
 * @param handed      messages handed to the relay (SENT or UNKNOWN, or refused by it with a 5xx)
 * @param hardBounces messages that bounced for good (at the relay or later)
 * @param softBounces messages reported as temporarily undeliverable
 * @param complaints  messages their recipient marked as spam
 * @param paused      whether the batch's sending is paused
 */
public record BatchFeedback(long handed, long hardBounces, long softBounces, long complaints, boolean paused) {

    public double hardBounceRate() {
        return handed == 0 ? 0 : (double) hardBounces / handed;
    }

    public double complaintRate() {
        return handed == 0 ? 0 : (double) complaints / handed;
    }
}
