package dev.consentflow.keys.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the master key from the environment, or from (or once into) the data dir. */
final class MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {
    }

    static byte[] current(String configured, Path dataDir) {
        return configured == null || configured.isBlank() ? fromDataDir(dataDir)
                : decode(configured, "CONSENTFLOW_MASTER_KEY");
    }

    static byte[] decode(String configured, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64 of 32 bytes");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be base64 of 32 bytes, is " + key.length);
        }
        return key;
    }

    private static byte[] fromDataDir(Path dataDir) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file), "The master key in " + file);
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("No POSIX permissions on this file system");
            }
            log.warn("No CONSENTFLOW_MASTER_KEY set: generated one into {}. Fine for development; in production "
                    + "set CONSENTFLOW_MASTER_KEY and keep it safe, or the encrypted data is lost with the file.", file);
            return key;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return fromDataDir(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }

}
