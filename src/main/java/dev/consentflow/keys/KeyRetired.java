package dev.consentflow.keys;

/** A key version that was retired after its rotation: nothing is unwrapped under it any more. */
public class KeyRetired extends RuntimeException {

    public KeyRetired(int version) {
        super("key version " + version + " of this account is retired");
    }
}
