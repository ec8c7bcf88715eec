package dev.consentflow.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/** Reads an import file of either format from a file on disk, as a stream of rows. */
final class ImportFiles {

    private ImportFiles() {
    }

    static void read(ImportFormat format, Path file, RowSink sink) {
        if (format == ImportFormat.XLSX) {
            XlsxReader.read(file.toFile(), sink);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            CsvReader.read(in, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a stream to a temporary file (deleted by the caller), for readers that need random access. */
    static void withTempFile(InputStream in, Consumer<Path> use) {
        Path file = null;
        try {
            file = Files.createTempFile("consentflow-import-", ".part");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            use.accept(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temp directory
                }
            }
        }
    }
}
