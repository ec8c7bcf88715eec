package dev.consentflow.imports.internal;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what a reader found, for tests. */
final class CollectedRows implements RowSink {

    List<String> header;
    final List<Row> rows = new ArrayList<>();

    record Row(long number, List<String> cells, String problem, String column) {
    }

    @Override
    public void header(List<String> names) {
        header = names;
    }

    @Override
    public void row(long number, List<String> cells, String problem, String column) {
        rows.add(new Row(number, new ArrayList<>(cells), problem, column));
    }
}
