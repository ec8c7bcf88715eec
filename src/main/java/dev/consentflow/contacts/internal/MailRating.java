package dev.consentflow.contacts.internal;

import java.time.Duration;

/**
 * The MailRating rule (1 to 5 stars), from what the person did with their mail in the last
 * {@link #WINDOW 90 days}, counted per mailing (a campaign, or one automation mail) so that reopening one mail
 * ten times counts once:
 * <ul>
 *   <li>3, the average: a new card, or nobody clicked (opens alone keep it at 3);</li>
 *   <li>4: a click on one mailing;</li>
 *   <li>5, VIP: clicks on two or more mailings, or a click and opens of three or more mailings;</li>
 *   <li>a hard bounce caps it at 2, two or more (on several lists) at 1: the address no longer takes mail.</li>
 * </ul>
 * It is recomputed whenever an open or a click is recorded and whenever a bounce is, so the card always shows the
 * rating of its latest facts.
 */
final class MailRating {

    static final Duration WINDOW = Duration.ofDays(90);
    static final int LOWEST = 1;
    static final int HIGHEST = 5;

    private MailRating() {
    }

    /**
     * @param clickedMailings distinct mailings with a click in the window
     * @param openedMailings  distinct mailings opened or clicked in the window
     * @param bounces         the card's subscriptions that hard-bounced
     */
    static int of(long clickedMailings, long openedMailings, long bounces) {
        int rating = Contact.AVERAGE_RATING;
        if (clickedMailings >= 2 || clickedMailings >= 1 && openedMailings >= 3) {
            rating = HIGHEST;
        } else if (clickedMailings >= 1) {
            rating = 4;
        }
        if (bounces >= 2) {
            return LOWEST;
        }
        return bounces == 1 ? Math.min(rating, 2) : rating;
    }
}
