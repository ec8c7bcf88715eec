package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;

/** The controller's footer of a list's mail ({@link MailFooter}), for mail that other modules write (campaigns). */
public interface MailFooters {

    /** The footer of the list's mail, for its brand record as known now; {@link MailFooter#NONE} without one. */
    MailFooter of(AccountId account, ListInfo list);
}
