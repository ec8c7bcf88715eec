package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.Signup;
import dev.consentflow.subscription.SignupReceipt;
import org.springframework.stereotype.Component;

/** The signup of a starting double opt-in, for {@code Task_RegisterSignup}, and its receipt back. */
@Component
class SignupInbox extends ProcessInbox<Signup, SignupReceipt> {

    SignupInbox() {
        super(DoubleOptInProcess.Task.REGISTER_SIGNUP);
    }
}
