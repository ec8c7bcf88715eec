package dev.consentflow.subscription.internal;

/**
 * Why a person is asked to confirm by a link: a signup's double opt-in, or an erased person's resubscription
 * (DESIGN.md rule 3). Both go through one mechanism (the waiting {@link ConfirmationRequest}, its
 * {@link ConfirmationTokens links}, the {@link ConfirmationClicks click}); the purpose decides which process a
 * click is reported to, which mail asks, and what contacts records once it is confirmed
 * ({@link ConfirmationSubjects}).
 */
enum ConfirmationPurpose {

    /** A signup's double opt-in ({@code double-opt-in}): the pending subscription becomes CONFIRMED. */
    SIGNUP("CONFIRMATION", DoubleOptInProcess.ID, DoubleOptInProcess.Message.CONFIRMATION_RECEIVED,
            "subscriptionId"),
    /** An erased person's way back ({@code resubscribe}): a new card with its confirmed subscription. */
    RESUBSCRIPTION("RESUBSCRIPTION", ResubscriptionProcess.ID, ResubscriptionProcess.Message.CONFIRMATION_RECEIVED,
            "resubscriptionId");

    /**
     * What a token is hashed with, so a link of one purpose never opens a request of another. A signup's label
     * is the one its links had before the two mechanisms became one, so links sent then still confirm.
     */
    final String tokenLabel;
    /** The process that asks, and waits for the click. */
    final String processId;
    /** The message that tells the waiting instance of the click, correlated by its id. */
    final String clickMessage;
    /** The name the audit entries give the pending thing confirmed (their details stay as they were). */
    final String subjectDetail;

    ConfirmationPurpose(String tokenLabel, String processId, String clickMessage, String subjectDetail) {
        this.tokenLabel = tokenLabel;
        this.processId = processId;
        this.clickMessage = clickMessage;
        this.subjectDetail = subjectDetail;
    }

    /** The actor of the audit entries written for the process. */
    String actor() {
        return "system:" + processId;
    }
}
