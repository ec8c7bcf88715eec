package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Purpose;
import java.time.Instant;
import java.util.Date;
import org.operaton.bpm.engine.delegate.BpmnError;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Task_SendReminder}: the one reminder, with a fresh link to the same instance, in the reminder timer's
 * transaction, which also makes the expiry's timer (a signup has only the reminder's timer until then). So that
 * no reminder can keep the expiry from being made, the reminder's rows are written under a savepoint: when they
 * cannot be written, or the signup's deadline has passed already (the timer ran late), the step ends with
 * {@value #NOT_SENT} ({@code Event_ReminderNotSent}) and the instance waits for the click or the expiry without a
 * reminder. Only a failure of the transaction itself (the database gone) fails the timer's job, as it would fail
 * any timer's, and the engine runs the job again.
 */
@Component
class SendReminderDelegate implements JavaDelegate {

    /** The error code of {@code Error_ReminderNotSent}. */
    static final String NOT_SENT = "REMINDER_NOT_SENT";

    private static final Logger log = LoggerFactory.getLogger(SendReminderDelegate.class);

    private final ConfirmationSender sender;
    private final TransactionTemplate savepoint;

    SendReminderDelegate(ConfirmationSender sender, PlatformTransactionManager transactions) {
        this.sender = sender;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String instance = execution.getProcessInstanceId();
        Object expiresAt = execution.getVariable(DoubleOptInProcess.Var.EXPIRES_AT);
        if (expiresAt instanceof Date deadline && !Instant.now().isBefore(deadline.toInstant())) {
            log.info("Confirmation request {} expired before its reminder was due: no reminder", instance);
            throw new BpmnError(NOT_SENT, "the signup expired before its reminder was due");
        }
        try {
            savepoint.executeWithoutResult(status -> sender.send(instance, Purpose.CONFIRMATION_REMINDER));
        } catch (RuntimeException e) {
            log.warn("The reminder of confirmation request {} could not be written: the signup waits for the click "
                    + "or its expiry without it", instance, e);
            throw new BpmnError(NOT_SENT, "the reminder could not be written");
        }
    }
}
