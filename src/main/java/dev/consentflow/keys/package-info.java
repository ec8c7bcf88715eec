/**
 * Key material: the master key (from {@code CONSENTFLOW_MASTER_KEY}, or generated once into the data dir),
 * keys derived from it per account and purpose (HKDF-SHA256, versioned so they can rotate), and AES-256-GCM
 * sealing of small values. The contacts module wraps each contact's data key with an account key from here;
 * other modules seal what they must keep encrypted.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Keys",
        allowedDependencies = {"accounts"})
package dev.consentflow.keys;
