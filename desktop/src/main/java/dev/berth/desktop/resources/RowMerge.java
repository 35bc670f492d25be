package dev.berth.desktop.resources;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.collections.ObservableList;

/**
 * Brings a table's rows in line with a fresh list from the engine without replacing rows that are still there, so
 * selection, focus and scroll position survive every refresh.
 */
public final class RowMerge {

    private RowMerge() {
    }

    /**
     * @param rows    the table's rows (FX thread)
     * @param fresh   what the engine reports now
     * @param key     identity of a fresh item
     * @param rowKey  identity of a row (the same as its item's)
     * @param create  a row for a new item
     * @param update  refreshes an existing row from its item
     */
    public static <T, R, K> void merge(ObservableList<R> rows, List<T> fresh, Function<T, K> key,
                                       Function<R, K> rowKey, Function<T, R> create, BiConsumer<R, T> update) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T item : fresh) {
            byKey.putIfAbsent(key.apply(item), item);
        }
        rows.removeIf(r -> !byKey.containsKey(rowKey.apply(r)));
        Map<K, R> existing = new HashMap<>();
        for (R row : rows) {
            existing.put(rowKey.apply(row), row);
        }
        List<R> added = new java.util.ArrayList<>();
        byKey.forEach((k, item) -> {
            R row = existing.get(k);
            if (row == null) {
                added.add(create.apply(item));
            } else {
                update.accept(row, item);
            }
        });
        rows.addAll(added);
    }
}
