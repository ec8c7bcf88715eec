package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Signup;

/** The subscription module's API for other modules (imports in DOUBLE_OPT_IN mode). */
public interface DoubleOptIns {

    /**
     * Starts a {@code double-opt-in} for a validated signup, in the caller's transaction: when this returns, the
     * pending subscription and its consent evidence are recorded and the confirmation is on its way (or, for a
     * repeated signup, not sent again within the throttle window). A signup by an erased address is handed over
     * to {@code resubscribe}: no card and no subscription, but a confirmation that says a confirmed opt-in is
     * required, and the same answer to the person.
     */
    SignupReceipt signUp(AccountId account, Signup signup);
}
