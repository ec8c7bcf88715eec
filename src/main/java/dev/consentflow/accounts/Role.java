package dev.consentflow.accounts;

/** What a key may do (API.md section 2). */
public enum Role {
    /** Everything in its account, creates keys. */
    ADMIN,
    /** Lists, forms, templates, campaigns, deployments, contacts. */
    MARKETER,
    /** Contacts, exports, erasure, audit. */
    COMPLIANCE,
    /** Platform staff: every account, addresses masked, exports only with the account's approval. */
    OPERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
