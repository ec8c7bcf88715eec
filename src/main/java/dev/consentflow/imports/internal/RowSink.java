package dev.consentflow.imports.internal;

import java.util.List;

/** Receives a file's rows as a reader finds them, one at a time (files are never held whole). */
interface RowSink {

    /** The header row's cells. Called once, before any row. */
    void header(List<String> names);

    /**
     * A data row (the first one after the header is 1). Rows whose cells are all empty are left out.
     *
     * @param cells   the row's cells, an empty cell as null; empty when {@code problem} is set
     * @param problem why the row cannot be read (a cell too long, broken quoting), or null
     * @param column  the column the problem is in (its header name when known), or null
     */
    void row(long number, List<String> cells, String problem, String column);
}
