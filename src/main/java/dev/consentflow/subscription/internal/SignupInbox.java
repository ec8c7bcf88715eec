package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Signup;
import dev.consentflow.subscription.SignupReceipt;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The signup of a starting double opt-in, for {@code Task_RegisterSignup}, and its receipt back. A new request
 * that registering made waits here for {@code Task_SendConfirmation} too, which runs in the same start: the
 * request row and its list as registering wrote and read them, so the first confirmation needs not lock and read
 * them again (nobody else sees the row before the start commits).
 */
@Component
class SignupInbox extends ProcessInbox<Signup, SignupReceipt> {

    /**
     * A request registered just now, with the list of its new pending subscription and its first link (written with
     * it, with the list's own wording of the mail).
     */
    record FirstConfirmation(ConfirmationRequest request, ListInfo list, ConfirmationTokens.Issued link) {
    }

    private final Map<UUID, FirstConfirmation> firstConfirmations = new ConcurrentHashMap<>();
    private final Map<UUID, ListInfo> listsAsRead = new ConcurrentHashMap<>();

    SignupInbox() {
        super(DoubleOptInProcess.Task.REGISTER_SIGNUP);
    }

    /** The signup's list as the form read it for this request, so that registering needs not read it again. */
    void listAsRead(UUID requestId, ListInfo list) {
        listsAsRead.put(requestId, list);
    }

    /** The list the form read for this request, if any; taken once. */
    ListInfo takeListAsRead(UUID requestId) {
        return listsAsRead.remove(requestId);
    }

    void firstConfirmation(UUID requestId, FirstConfirmation first) {
        firstConfirmations.put(requestId, first);
    }

    /** The request registered just now in this start, for the instance's first confirmation; taken once. */
    Optional<FirstConfirmation> takeFirstConfirmation(UUID requestId, String processInstanceId) {
        return Optional.ofNullable(firstConfirmations.remove(requestId))
                .filter(first -> first.request().processInstanceId().equals(processInstanceId));
    }

    @Override
    SignupReceipt close(UUID requestId) {
        firstConfirmations.remove(requestId);
        listsAsRead.remove(requestId);
        return super.close(requestId);
    }
}
