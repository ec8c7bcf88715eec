package dev.consentflow.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/** Reads an import file of either format from a file on disk, as a stream of rows. */
final class ImportFiles {

    private ImportFiles() {
    }

    /** What a check of the whole file found: its columns and how many data rows it has. */
    record Summary(Columns columns, long rows) {
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

    /** Reads the whole file once, as the import will: the header must make sense and the file must be readable. */
    static Summary check(ImportFormat format, Path file) {
        Columns[] columns = new Columns[1];
        long[] rows = new long[1];
        read(format, file, new RowSink() {
            @Override
            public void header(List<String> names) {
                columns[0] = Columns.of(names);
            }

            @Override
            public void row(long number, List<String> cells, String problem, String column) {
                rows[0] = number;
            }
        });
        if (columns[0] == null) {
            throw new FileProblem("The file has no header row");
        }
        return new Summary(columns[0], rows[0]);
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
