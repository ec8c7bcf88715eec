package dev.consentflow.engine;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Role;
import java.util.UUID;

/**
 * The engine groups of an account, by role: user tasks name them as candidate groups ({@code account-admins-<id>}
 * decides an export or an erasure), and a key calling {@code /engine-rest} acts as a member of its role's group,
 * within its account's tenant. The one place these names are made.
 */
public final class EngineGroups {

    private EngineGroups() {
    }

    /** The account's admins. */
    public static String admins(UUID account) {
        return "account-admins-" + account;
    }

    /** The account's compliance officers. */
    public static String compliance(UUID account) {
        return "account-compliance-" + account;
    }

    /** The account's marketers. */
    public static String marketers(UUID account) {
        return "account-marketers-" + account;
    }

    /** The group of a key's role in its account; platform operators have none. */
    public static String of(AccountId account, Role role) {
        return switch (role) {
            case ADMIN -> admins(account.value());
            case COMPLIANCE -> compliance(account.value());
            case MARKETER -> marketers(account.value());
            case OPERATOR -> throw new IllegalArgumentException("platform operators belong to no account's group");
        };
    }
}
