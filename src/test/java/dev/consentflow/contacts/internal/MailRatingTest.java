package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MailRating rule, fact by fact. */
class MailRatingTest {

    @Test
    void aPersonWithoutClicksStaysAverageWhateverTheyOpened() {
        assertThat(MailRating.of(0, 0, 0)).isEqualTo(3);
        assertThat(MailRating.of(0, 7, 0)).isEqualTo(3);
    }

    @Test
    void aClickOnOneMailingMakesFourStars() {
        assertThat(MailRating.of(1, 1, 0)).isEqualTo(4);
        assertThat(MailRating.of(1, 2, 0)).isEqualTo(4);
    }

    @Test
    void clicksOnTwoMailingsOrAClickAndThreeOpenedMailingsMakeAVip() {
        assertThat(MailRating.of(2, 2, 0)).isEqualTo(5);
        assertThat(MailRating.of(1, 3, 0)).isEqualTo(5);
    }

    @Test
    void bouncesLowerTheRatingWhateverThePersonDid() {
        assertThat(MailRating.of(0, 0, 1)).isEqualTo(2);
        assertThat(MailRating.of(2, 5, 1)).isEqualTo(2);
        assertThat(MailRating.of(2, 5, 2)).isEqualTo(1);
    }

    @Test
    void theRatingStaysWithinOneToFiveStars() {
        for (int clicked = 0; clicked < 6; clicked++) {
            for (int opened = clicked; opened < 8; opened++) {
                for (int bounces = 0; bounces < 4; bounces++) {
                    assertThat(MailRating.of(clicked, opened, bounces)).isBetween(1, 5);
                }
            }
        }
    }
}
