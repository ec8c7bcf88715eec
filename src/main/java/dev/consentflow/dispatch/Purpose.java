package dev.consentflow.dispatch;

/**
 * Why a message is sent, which decides who may still receive it at send time: a confirmation goes to a pending
 * subscription, list mail only to a confirmed one.
 */
public enum Purpose {
    /** The double opt-in or resubscribe confirmation link: needs a PENDING subscription. */
    CONFIRMATION,
    /** The one reminder of an unconfirmed signup: needs a PENDING subscription. */
    CONFIRMATION_REMINDER,
    /** Welcome mail after confirmation: list mail, needs a CONFIRMED subscription. */
    WELCOME,
    /** A campaign to a list: list mail, needs a CONFIRMED subscription. */
    CAMPAIGN,
    /** A mail or SMS sent by an automation flow: list mail, needs a CONFIRMED subscription. */
    AUTOMATION;

    public boolean isListMail() {
        return this == WELCOME || this == CAMPAIGN || this == AUTOMATION;
    }

    /**
     * Whether a message whose delivery is uncertain (the connection broke after the data, or its node died while
     * sending it) is sent again. A confirmation is: a second copy of the same link is harmless, a missing one
     * loses the signup. List mail is not: it is sent at most once and ends UNKNOWN.
     */
    public boolean isSentAgainWhenUncertain() {
        return this == CONFIRMATION || this == CONFIRMATION_REMINDER;
    }
}
