package dev.berth.desktop.containers;

import java.util.List;
import java.util.function.Supplier;

/** Makes the detail tabs for one opened container, in display order. */
public interface ContainerDetailTabs extends Supplier<List<ContainerDetailTab>> {
}
