package dev.consentflow.imports.internal;

/** A file of a kind imports do not take at all (answered {@code 415}): not CSV or XLSX, or a macro workbook. */
class UnsupportedFile extends FileProblem {

    UnsupportedFile(String message) {
        super(message);
    }
}
