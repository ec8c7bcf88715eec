package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
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

    /**
     * {@link #signUp(AccountId, Signup)} with the signup's list as the caller read it for this request (of this
     * account, e.g. {@link dev.consentflow.contacts.Subscribers#check}): registering takes it instead of reading
     * it once more. Without it, or when it is not the signup's list, the list is read as always.
     */
    SignupReceipt signUp(AccountId account, Signup signup, ListInfo listAsRead);
}
