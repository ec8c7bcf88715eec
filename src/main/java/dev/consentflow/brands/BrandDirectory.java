package dev.consentflow.brands;

import dev.consentflow.accounts.AccountId;
import java.util.Optional;

/** The brands of an account, as the public pages need them. */
public interface BrandDirectory {

    /** The brand with this key in this account; empty for a key without a record (or a null key). */
    Optional<BrandIdentity> identity(AccountId account, String brandKey);
}
