package dev.consentflow.contacts;

import java.util.Map;

/**
 * One row of an import file as read, unchecked. Empty cells are null.
 *
 * @param row    the row's number in the file (1 = the first row after the header)
 * @param email  the {@code email} column
 * @param mobile the {@code mobile} column (E.164)
 * @param fields every other column, by its header
 */
public record ImportRow(long row, String email, String mobile, Map<String, String> fields) {

    @Override
    public String toString() {
        return "ImportRow[" + row + "]";
    }
}
