package dev.consentflow.imports;

/**
 * A file an import does not take, in words a person can act on (never quoting the file): {@code unsupportedType}
 * when it is not CSV or XLSX at all ({@code 415} in the API), else it cannot be read as its type ({@code 400}).
 */
public class ImportFileRefused extends RuntimeException {

    private final boolean unsupportedType;

    public ImportFileRefused(String message, boolean unsupportedType, Throwable cause) {
        super(message, cause);
        this.unsupportedType = unsupportedType;
    }

    public boolean unsupportedType() {
        return unsupportedType;
    }
}
