package dev.consentflow.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The two kinds of file an import takes, told apart by the name's extension and checked against the content. */
enum ImportFormat {
    CSV,
    XLSX;

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    /**
     * The format of an uploaded file.
     *
     * @throws UnsupportedFile a name that is neither {@code .csv} nor {@code .xlsx}, or a binary file named .csv
     * @throws FileProblem     a file named .xlsx that is not a zip archive
     */
    static ImportFormat of(String filename, Path file) throws IOException {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT).strip();
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(8192);
        }
        if (name.endsWith(".xlsx")) {
            if (!startsWith(start, ZIP)) {
                throw new FileProblem("The file is named .xlsx but is not an Excel workbook");
            }
            return XLSX;
        }
        if (name.endsWith(".csv")) {
            if (startsWith(start, ZIP) || contains(start, (byte) 0)) {
                throw new UnsupportedFile("The file is named .csv but is not text: save it as CSV (UTF-8)");
            }
            return CSV;
        }
        throw new UnsupportedFile("Only .csv and .xlsx files are imported");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
