package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Signup;
import dev.consentflow.engine.ProcessRuntime;
import dev.consentflow.engine.Variables;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.DoubleOptIns;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Starts a {@code double-opt-in} per signup. The request's own id is the business key; the variables are ids
 * and the timer settings that applied when it started (kept in the instance, so changing the configuration
 * never moves the deadline of a signup already received). The reminder's delay is transient: only the reminder's
 * timer reads it, and the engine computes that timer's due date in the starting transaction (no variable row). The signup itself travels through the
 * {@link SignupInbox}.
 */
@Service
class SignupDesk implements DoubleOptIns {

    private final ProcessRuntime runtime;
    private final SignupInbox inbox;
    private final SignupSettings settings;

    SignupDesk(ProcessRuntime runtime, SignupInbox inbox, SignupSettings settings) {
        this.runtime = runtime;
        this.inbox = inbox;
        this.settings = settings;
    }

    @Override
    public SignupReceipt signUp(AccountId account, Signup signup) {
        return signUp(account, signup, null);
    }

    /**
     * A signup whose list the caller read for this request (a form's list, read with the form; the API's, read by
     * its check): registering takes it instead of reading it once more.
     */
    @Override
    public SignupReceipt signUp(AccountId account, Signup signup, ListInfo listAsRead) {
        UUID requestId = UUID.randomUUID();
        inbox.post(requestId, account, signup);
        if (listAsRead != null) {
            inbox.listAsRead(requestId, listAsRead);
        }
        SignupReceipt receipt;
        try {
            runtime.start(DoubleOptInProcess.ID, requestId.toString(), Map.of(
                    DoubleOptInProcess.Var.ACCOUNT_ID, account.value().toString(),
                    DoubleOptInProcess.Var.LIST_KEY, signup.listKey(),
                    DoubleOptInProcess.Var.CHANNEL, signup.channel().name(),
                    DoubleOptInProcess.Var.REMINDER_AFTER, Variables.transientText(settings.reminderAfter().toString()),
                    DoubleOptInProcess.Var.EXPIRES_AT, Date.from(Instant.now().plus(settings.expireAfter()))));
        } finally {
            receipt = inbox.close(requestId);
        }
        if (receipt == null) {
            throw new IllegalStateException(DoubleOptInProcess.Task.REGISTER_SIGNUP + " did not answer for request "
                    + requestId);
        }
        return receipt;
    }
}
