package dev.berth.desktop.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.TreeItem;

/** Builds the tree items of a JSON document, and finds items again by path after a reload. */
final class JsonTree {

    private JsonTree() {
    }

    /** The root item with the top level expanded; {@code expanded} paths (from a previous tree) are expanded too. */
    static TreeItem<JsonEntry> build(JsonNode root, Set<String> expanded) {
        TreeItem<JsonEntry> item = item(null, root, "", expanded);
        item.setExpanded(true);
        return item;
    }

    private static TreeItem<JsonEntry> item(String key, JsonNode node, String path, Set<String> expanded) {
        TreeItem<JsonEntry> item = new TreeItem<>(new JsonEntry(key, node, path));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                item.getChildren().add(item(field.getKey(), field.getValue(), childPath, expanded));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                item.getChildren().add(item("[" + i + "]", node.get(i), path + "[" + i + "]", expanded));
            }
        }
        item.setExpanded(expanded.contains(path));
        return item;
    }

    /** Every item, depth first, in the order they appear when all is expanded. */
    static List<TreeItem<JsonEntry>> flatten(TreeItem<JsonEntry> root) {
        List<TreeItem<JsonEntry>> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(TreeItem<JsonEntry> item, List<TreeItem<JsonEntry>> into) {
        into.add(item);
        for (TreeItem<JsonEntry> child : item.getChildren()) {
            collect(child, into);
        }
    }

    static Set<String> expandedPaths(TreeItem<JsonEntry> root) {
        Set<String> paths = new HashSet<>();
        if (root != null) {
            for (TreeItem<JsonEntry> item : flatten(root)) {
                if (item.isExpanded()) {
                    paths.add(item.getValue().path());
                }
            }
        }
        return paths;
    }

    static void expandTo(TreeItem<JsonEntry> item) {
        for (TreeItem<JsonEntry> p = item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
    }

    static void setExpandedAll(TreeItem<JsonEntry> root, boolean expanded) {
        for (TreeItem<JsonEntry> item : flatten(root)) {
            if (!item.isLeaf()) {
                item.setExpanded(expanded);
            }
        }
        root.setExpanded(true);
    }
}
