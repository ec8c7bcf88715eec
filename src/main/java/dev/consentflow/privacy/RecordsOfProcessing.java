package dev.consentflow.privacy;

import dev.consentflow.accounts.AccountId;

/** The account's record of processing activities, for the API, the console and its Excel download. */
public interface RecordsOfProcessing {

    ProcessingRecord recordOf(AccountId account);
}
