/**
 * Brands: who a list's mail and public pages speak for. A brand record of an account (keyed like a list's
 * {@code brand}) holds the display name, logo and accent colour, the legal data controller with its
 * data-protection contact and privacy policy, the sender (From, Reply-To) and the sending domain with its DKIM
 * keys (generated here, private keys sealed under the account's key, rotated with a grace period). A list whose
 * brand key has no record keeps the global sender and plain pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Brands",
        allowedDependencies = {"accounts", "consent", "contacts", "dispatch", "engine", "keys", "web"})
package dev.consentflow.brands;
