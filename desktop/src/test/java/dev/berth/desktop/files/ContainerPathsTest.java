package dev.berth.desktop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContainerPathsTest {

    @Test
    void normalisesParentsChildrenAndArchiveContents() {
        assertEquals("/", ContainerPaths.normalize(""));
        assertEquals("/usr/lib", ContainerPaths.normalize("usr//bin/../lib/./"));
        assertEquals("/", ContainerPaths.normalize("/../.."));
        assertEquals("/", ContainerPaths.parent("/tmp"));
        assertEquals("/", ContainerPaths.parent("/"));
        assertEquals("/var", ContainerPaths.parent("/var/log/"));
        assertEquals("/a", ContainerPaths.child("/", "a"));
        assertEquals("/tmp/a b", ContainerPaths.child("/tmp/", "a b"));
        assertEquals("/.", ContainerPaths.contentsOf("/"));
        assertEquals("/tmp/.", ContainerPaths.contentsOf("/tmp"));
    }
}
