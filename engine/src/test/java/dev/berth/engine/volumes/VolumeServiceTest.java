package dev.berth.engine.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.volumes.Volume;
import dev.berth.remote.volumes.VolumePruneReport;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The local volume driver on real directories: names, errors, filters, in-use rules, prune, events, restart. */
class VolumeServiceTest {

    @TempDir
    Path tmp;

    EngineDirs dirs;
    EventBus events;
    VolumeService volumes;
    final Map<String, List<String>> users = new HashMap<>();

    @BeforeEach
    void start() {
        dirs = new EngineDirs(tmp.resolve("data"), tmp.resolve("run")).create();
        events = new EventBus();
        volumes = newService();
    }

    private VolumeService newService() {
        VolumeService service = new VolumeService(dirs, events);
        service.setVolumeUsers(name -> users.getOrDefault(name, List.of()));
        return service;
    }

    @Test
    void namedVolumeLivesUnderTheDataRootWithDockersFields() {
        Volume v = volumes.create("data1", null, Map.of("a", "b"), null);
        assertEquals("data1", v.name());
        assertEquals("local", v.driver());
        assertEquals("local", v.scope());
        assertEquals(dirs.volumes().resolve("data1/_data").toString(), v.mountpoint());
        assertTrue(Files.isDirectory(Path.of(v.mountpoint())));
        assertEquals(Map.of("a", "b"), v.labels());
        assertNull(v.options(), "Docker shows \"Options\": null when none were given");
        OffsetDateTime created = OffsetDateTime.parse(v.createdAt());
        assertEquals(0, created.getNano(), "RFC 3339 without fractions, as Go's time.RFC3339");
        assertEquals(v, volumes.inspect("data1"));
    }

    @Test
    void volumeWithoutLabelsShowsNullLabelsAsDockerDoes() {
        assertNull(volumes.create("plain", "local", Map.of(), Map.of()).labels());
    }

    @Test
    void anonymousVolumeGets64HexCharactersAndTheAnonymousLabel() {
        Volume v = volumes.create(null, null, null, null);
        assertTrue(v.name().matches("[0-9a-f]{64}"), v.name());
        assertEquals(Map.of(VolumeService.ANONYMOUS_LABEL, ""), v.labels());
        assertTrue(Files.isDirectory(volumes.dataDir(v.name())));
    }

    @Test
    void creatingAnExistingNameReturnsItUnchanged() {
        Volume first = volumes.create("keep", null, Map.of("v", "1"), null);
        Volume again = volumes.create("keep", null, Map.of("v", "2"), null);
        assertEquals(first, again);
    }

    @Test
    void badNamesGetDockersMessages() {
        assertError(400, "create a: volume name is too short, names should be at least two alphanumeric characters",
                () -> volumes.create("a", null, null, null));
        assertError(400, "create a$b: \"a$b\" includes invalid characters for a local volume name, only "
                + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path",
                () -> volumes.create("a$b", null, null, null));
        assertError(400, "create ..: \"..\" includes invalid characters", () -> volumes.create("..", null, null, null));
        assertError(400, "create x/y: \"x/y\" includes invalid characters", () -> volumes.create("x/y", null, null, null));
        // a trailing newline must not slip through as Java's $ would let it
        assertError(400, "create ok\n: \"ok\\n\" includes invalid characters", () -> volumes.create("ok\n", null, null, null));
        try (var entries = Files.list(dirs.volumes())) {
            assertEquals(0, entries.count(), "nothing created for a refused name");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void otherDriversAreUnknownPlugins() {
        assertError(404, "create xx: error looking up volume plugin foo: plugin \"foo\" not found",
                () -> volumes.create("xx", "foo", null, null));
    }

    @Test
    void driverOptionsAreCheckedAsDockerChecksThem() {
        assertError(400, "create yy: invalid option: \"foo\"", () -> volumes.create("yy", null, null, Map.of("foo", "bar")));
        assertError(400, "create zz: missing required option: \"device\"",
                () -> volumes.create("zz", null, null, Map.of("type", "tmpfs")));
        assertError(400, "create zz: quota size requested but no quota support",
                () -> volumes.create("zz", null, null, Map.of("size", "10m")));
        assertError(400, "create zz: invalid size: 'lots'", () -> volumes.create("zz", null, null, Map.of("size", "lots")));
        Volume tmpfs = volumes.create("tmpfs1", null, null, Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"));
        assertEquals(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"), tmpfs.options());
    }

    @Test
    void inspectAndRemoveOfAnUnknownVolumeAre404() {
        assertError(404, "get nope: no such volume", () -> volumes.inspect("nope"));
        assertError(404, "get nope: no such volume", () -> volumes.remove("nope", false));
        assertError(404, "get nope: no such volume", () -> volumes.dataDir("nope"));
        volumes.remove("nope", true); // force: nothing to do, no error
    }

    @Test
    void removeDeletesTheContentButRefusesWhileContainersUseIt() throws Exception {
        volumes.create("busy", null, null, null);
        Path data = volumes.dataDir("busy");
        Files.writeString(data.resolve("f"), "x");
        users.put("busy", List.of("c1", "c2"));
        assertError(409, "remove busy: volume is in use - [c1, c2]", () -> volumes.remove("busy", false));
        assertError(409, "remove busy: volume is in use - [c1, c2]", () -> volumes.remove("busy", true));
        users.remove("busy");
        volumes.remove("busy", false);
        assertFalse(Files.exists(data.getParent()));
        assertError(404, "get busy: no such volume", () -> volumes.inspect("busy"));
    }

    @Test
    void removeNeverFollowsSymlinksOutOfTheVolume() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        volumes.create("links", null, null, null);
        Path data = volumes.dataDir("links");
        Files.createSymbolicLink(data.resolve("dir"), outside);
        Files.createSymbolicLink(data.resolve("file"), outside.resolve("keep"));
        volumes.remove("links", false);
        assertEquals("precious", Files.readString(outside.resolve("keep")));
    }

    @Test
    void listFiltersByNameLabelDanglingAndDriver() {
        volumes.create("web-data", null, Map.of("app", "web", "tier", "front"), null);
        volumes.create("db-data", null, Map.of("app", "db"), null);
        volumes.create("cache", null, null, null);
        users.put("db-data", List.of("c1"));

        assertEquals(List.of("cache", "db-data", "web-data"), names(Map.of()));
        assertEquals(List.of("db-data", "web-data"), names(Map.of("name", List.of("data"))), "substring");
        assertEquals(List.of("web-data"), names(Map.of("name", List.of("^w.*a$"))), "regular expression");
        assertEquals(List.of("db-data", "web-data"), names(Map.of("label", List.of("app"))));
        assertEquals(List.of("db-data"), names(Map.of("label", List.of("app=db"))));
        assertEquals(List.of("web-data"), names(Map.of("label", List.of("app", "tier=front"))), "all labels must match");
        assertEquals(List.of(), names(Map.of("label", List.of("app=nope"))));
        assertEquals(List.of("cache", "web-data"), names(Map.of("dangling", List.of("true"))));
        assertEquals(List.of("db-data"), names(Map.of("dangling", List.of("0"))));
        assertEquals(List.of("cache", "db-data", "web-data"), names(Map.of("driver", List.of("local"))));
        assertEquals(List.of(), names(Map.of("driver", List.of("nfs"))));
        assertError(400, "Invalid filter 'dangling=[maybe]'", () -> names(Map.of("dangling", List.of("maybe"))));
        assertError(400, "Invalid filter 'foo'", () -> names(Map.of("foo", List.of("bar"))));
    }

    @Test
    void pruneRemovesOnlyUnusedAnonymousVolumesUnlessAll() throws Exception {
        String anonymous = volumes.create(null, null, null, null).name();
        String usedAnonymous = volumes.create(null, null, null, null).name();
        users.put(usedAnonymous, List.of("c1"));
        volumes.create("named", null, null, null);
        Files.write(volumes.dataDir(anonymous).resolve("blob"), new byte[1234]);

        VolumePruneReport report = volumes.prune(Map.of());
        assertEquals(List.of(anonymous), report.volumesDeleted());
        assertEquals(1234L, report.spaceReclaimed());
        assertTrue(volumes.exists("named"));
        assertTrue(volumes.exists(usedAnonymous));

        report = volumes.prune(Map.of("all", List.of("true")));
        assertEquals(List.of("named"), report.volumesDeleted());
        assertEquals(0L, report.spaceReclaimed());
        assertTrue(volumes.exists(usedAnonymous));
    }

    @Test
    void pruneHonoursLabelFiltersAndSkipsVolumesWithDriverOptions() {
        volumes.create("keep-me", null, Map.of("keep", "yes"), null);
        volumes.create("drop-me", null, Map.of("keep", "no"), null);
        volumes.create("mounted-fs", null, null, Map.of("type", "tmpfs", "device", "tmpfs"));
        assertEquals(List.of("drop-me"),
                volumes.prune(Map.of("all", List.of("1"), "label", List.of("keep=no"))).volumesDeleted());
        assertEquals(List.of(), volumes.prune(Map.of("all", List.of("1"), "label!", List.of("keep"))).volumesDeleted());
        assertEquals(List.of("keep-me"), volumes.prune(Map.of("all", List.of("1"))).volumesDeleted());
        assertTrue(volumes.exists("mounted-fs"));
        assertError(400, "Invalid filter 'dangling'", () -> volumes.prune(Map.of("dangling", List.of("true"))));
        assertError(400, "invalid filter 'all': strconv.ParseBool: parsing \"maybe\": invalid syntax",
                () -> volumes.prune(Map.of("all", List.of("maybe"))));
    }

    @Test
    void eventsAreDockersVolumeEvents() {
        volumes.create("ev", null, null, null);
        volumes.mounted("ev", "c1", "/data", true, "");
        volumes.unmounted("ev", "c1");
        volumes.unmounted("ev", "c1"); // idempotent: no second event
        volumes.remove("ev", false);
        volumes.prune(Map.of());
        List<EventMessage> all = events.recent();
        assertEquals(List.of("create", "mount", "unmount", "destroy", "prune"),
                all.stream().map(EventMessage::action).collect(Collectors.toList()));
        assertTrue(all.stream().allMatch(e -> "volume".equals(e.type())));
        assertEquals(Map.of("driver", "local"), all.get(0).actor().attributes());
        assertEquals(Map.of("driver", "local", "container", "c1", "destination", "/data", "read/write", "true",
                "propagation", ""), all.get(1).actor().attributes());
        assertEquals(Map.of("driver", "local", "container", "c1"), all.get(2).actor().attributes());
        assertEquals("ev", all.get(3).actor().id());
        assertEquals(Map.of("reclaimed", "0"), all.get(4).actor().attributes());
    }

    @Test
    void aMountedVolumeIsInUseUntilUnmounted() {
        volumes.create("m1", null, null, null);
        volumes.mounted("m1", "c9");
        assertError(409, "remove m1: volume is in use - [c9]", () -> volumes.remove("m1", false));
        assertEquals(List.of(), names(Map.of("dangling", List.of("true"))));
        volumes.unmounted("m1", "c9");
        volumes.remove("m1", false);
    }

    @Test
    void volumeWithTmpfsOptionsIsMountedWhileUsed() throws Exception {
        volumes.create("ram", null, null, Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"));
        Path data = volumes.dataDir("ram");
        volumes.mounted("ram", "c1");
        volumes.mounted("ram", "c2");
        try {
            assertEquals("tmpfs", fsType(data));
            volumes.unmounted("ram", "c1");
            assertEquals("tmpfs", fsType(data), "still used by c2");
        } finally {
            volumes.unmounted("ram", "c2");
            volumes.unmounted("ram", "c1");
        }
        assertNull(fsType(data), "unmounted with the last user");
        volumes.remove("ram", false);
    }

    @Test
    void sizeCountsHardLinksOnceAndNeverFollowsSymlinks() throws Exception {
        volumes.create("sized", null, null, null);
        Path data = volumes.dataDir("sized");
        Files.write(data.resolve("a"), new byte[1000]);
        Files.createLink(data.resolve("a-link"), data.resolve("a"));
        Files.createDirectories(data.resolve("sub"));
        Files.write(data.resolve("sub/b"), new byte[24]);
        Path big = Files.write(tmp.resolve("big"), new byte[100_000]);
        Files.createSymbolicLink(data.resolve("big"), big);
        assertEquals(1000 + 24 + big.toString().length(), volumes.sizeOf("sized"));
        Volume usage = volumes.diskUsage().get(0);
        assertEquals(1000L + 24 + big.toString().length(), usage.usageData().size());
        assertEquals(0L, usage.usageData().refCount());
    }

    @Test
    void volumesSurviveARestartAndHalfRemovedOnesAreFinished() throws Exception {
        Volume kept = volumes.create("kept", null, Map.of("k", "v"), null);
        Files.writeString(volumes.dataDir("kept").resolve("f"), "data");
        // a volume directory without its record (crash between mkdir and the record, or copied in by hand)
        Files.createDirectories(dirs.volumes().resolve("bare/_data"));
        // a volume whose removal was interrupted after the rename
        Files.createDirectories(dirs.volumes().resolve(".removing-old-12345678/_data"));
        // not a volume: no _data
        Files.createDirectories(dirs.volumes().resolve("junk"));

        VolumeService restarted = newService();
        assertEquals(kept, restarted.inspect("kept"));
        assertEquals("data", Files.readString(restarted.dataDir("kept").resolve("f")));
        assertEquals("local", restarted.inspect("bare").driver());
        assertFalse(Files.exists(dirs.volumes().resolve(".removing-old-12345678")));
        assertFalse(restarted.exists("junk"));
        assertTrue(Files.isRegularFile(dirs.volumes().resolve("bare/volume.json"), LinkOption.NOFOLLOW_LINKS));
        var record = dev.berth.remote.client.Json.MAPPER.readTree(dirs.volumes().resolve("kept/volume.json").toFile());
        assertEquals(List.of("Name", "Driver", "CreatedAt", "Labels"), iterable(record.fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private List<String> names(Map<String, List<String>> filters) {
        return volumes.list(filters).stream().map(Volume::name).collect(Collectors.toList());
    }

    private static String fsType(Path mountPoint) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals(mountPoint.toString())) {
                int dash = List.of(f).indexOf("-");
                return f[dash + 1];
            }
        }
        return null;
    }

    static void assertError(int status, String messageStart, Executable call) {
        EngineException e = assertThrows(EngineException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().startsWith(messageStart), "expected \"" + messageStart + "…\", got: " + e.getMessage());
    }
}
