package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.dockerd;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.compat.HostileArchives.Tar;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.testing.BerthEngine;
import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's security promise, through the docker CLI against the shared Berth engine (and the same commands on a
 * real dockerd where comparing makes sense): archives that try to leave their directory — {@code ../} names,
 * absolute symlinks written through, a symlink replaced by a file, hardlinks to files outside, device nodes, a
 * manifest naming host files — are refused or contained in {@code docker load} and {@code docker import}, and
 * {@code docker cp} follows a container's symlinks only inside the container, both ways.
 *
 * <p>Every attack aims at a fresh directory of the host ({@link #target}), so "nothing was written outside" is
 * checked on the very files an escape would have touched.
 */
@ExtendWith(EngineLogOnFailure.class)
class SecurityCliTest {

    private static final String IMAGE = Dockerd.BUSYBOX;
    /** More "../" than any engine's layer directory is deep: an escape would reach "/". */
    private static final String CLIMB = "../".repeat(24);
    private static final String VICTIM = "victim.txt";
    private static final String ORIGINAL = "original\n";

    @TempDir
    Path work;
    /** The host directory the attacks aim at; holds {@link #VICTIM} and whatever a test puts there itself. */
    private Path target;
    /** {@link #target} without its leading slash, for names inside archives. */
    private String targetRel;
    private final Set<String> hostFiles = new TreeSet<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();

    @BeforeEach
    void aim() throws IOException {
        target = Files.createTempDirectory("berth-sec-").toRealPath();
        targetRel = target.toString().substring(1);
        hostFile(VICTIM, ORIGINAL);
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (TestEngine engine : List.of(berth(), dockerd())) {
            if (!containers.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(containers);
                engine.docker(args.toArray(String[]::new));
            }
            for (String tag : tags) {
                engine.docker("rmi", "-f", tag);
            }
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- docker load ----------------------------------------------------------------------------------------------

    @Test
    void loadRefusesLayerEntriesThatClimbOut() throws IOException {
        String tag = tag("dotdot");
        Path archive = save("dotdot.tar", tag, new Tar()
                .file("inside.txt", "fine\n")
                .file(CLIMB + targetRel + "/dotdot.txt", "escaped\n")
                .bytes());
        ProcessResult load = loadRefusedByBerth(archive, tag);
        assertTrue(load.stderr().contains("is outside of"), load.stderr());
        assertNothingWrittenOutside();
    }

    @Test
    void loadRefusesAbsoluteEntryNames() throws IOException {
        String tag = tag("absolute");
        Path archive = save("absolute.tar", tag, new Tar()
                .file("/" + targetRel + "/absolute.txt", "escaped\n")
                .bytes());
        ProcessResult load = loadRefusedByBerth(archive, tag);
        assertTrue(load.stderr().contains("is outside of"), load.stderr());
        assertNothingWrittenOutside();
    }

    @Test
    void loadContainsWritesThroughAbsoluteSymlinks() throws IOException {
        String tag = tag("symlinks");
        byte[] lower = new Tar()
                // a -> / then a/…: the classic; resolved as if the layer were "/", it lands in the layer
                .symlink("root", "/")
                .file("root/" + targetRel + "/via-root.txt", "contained: via root\n")
                // a link straight at the host directory, then a file below it
                .symlink("direct", target.toString())
                .file("direct/via-direct.txt", "contained: via direct\n")
                .bytes();
        // the next layer writes below the lower layer's link
        byte[] upper = new Tar()
                .file("root/" + targetRel + "/cross-layer.txt", "contained: cross layer\n")
                .bytes();
        Path archive = save("symlinks.tar", tag, lower, upper);
        BothEngines.Pair load = BothEngines.run("load", "-i", archive.toString());
        assertEquals(0, load.dockerd().exitCode(), "dockerd loads it: " + load.dockerd());
        assertEquals(0, load.berth().exitCode(), "Berth loads it, contained: " + load.berth());
        assertNothingWrittenOutside();

        String ctr = container("symlinks");
        BothEngines.onBoth("create", "--name", ctr, tag);
        assertSameFileOnBoth(ctr, "/" + targetRel + "/via-root.txt", "contained: via root\n");
        assertSameFileOnBoth(ctr, "/" + targetRel + "/via-direct.txt", "contained: via direct\n");
        assertSameFileOnBoth(ctr, "/root/" + targetRel + "/cross-layer.txt", "contained: cross layer\n");
        assertNothingWrittenOutside();
    }

    /**
     * Symlink, then an entry of the same name: the link is replaced, never written through. (dockerd refuses any
     * layer naming a path twice — "duplicates of file paths not supported", a limit of its tar-split bookkeeping —
     * so this is Berth's alone; Berth keeps the original tar and replaces, as moby's extraction does.)
     */
    @Test
    void loadReplacesALinkByTheNextEntryOfTheSameName() throws IOException {
        String tag = tag("replace-link");
        Path archive = save("replace-link.tar", tag, new Tar()
                .symlink("victim-link", target.resolve(VICTIM).toString())
                .file("victim-link", "contained: replaced link\n")
                .symlink("dir-link", target.toString())
                .dir("dir-link")
                .file("dir-link/in-dir.txt", "contained: in dir\n")
                .bytes());
        berth().docker("load", "-i", archive.toString()).requireSuccess("load");
        assertNothingWrittenOutside();
        String ctr = container("replace-link");
        berth().docker("create", "--name", ctr, tag).requireSuccess("create");
        for (Map.Entry<String, String> file : Map.of("/victim-link", "contained: replaced link\n",
                "/dir-link/in-dir.txt", "contained: in dir\n").entrySet()) {
            ProcessResult cp = berth().docker("cp", ctr + ":" + file.getKey(), "-").requireSuccess("cp out");
            assertTrue(cp.stdout().contains(file.getValue()), file.getKey() + ": " + cp.stdout());
        }
    }

    @Test
    void loadRefusesHardlinksToFilesOutsideTheTree() throws IOException {
        Map<String, Tar> attacks = Map.of(
                "climbing", new Tar().file("inside.txt", "x").hardlink("hl", CLIMB + targetRel + "/" + VICTIM),
                "absolute", new Tar().file("inside.txt", "x").hardlink("hl", target.resolve(VICTIM).toString()),
                "through-symlink", new Tar().symlink("root", "/")
                        .hardlink("hl", "root/" + targetRel + "/" + VICTIM));
        for (Map.Entry<String, Tar> attack : attacks.entrySet()) {
            String tag = tag("hardlink-" + attack.getKey());
            Path archive = save("hardlink-" + attack.getKey() + ".tar", tag, attack.getValue().bytes());
            ProcessResult load = loadRefusedOnBoth(archive, tag);
            assertTrue(load.stderr().contains("invalid hardlink"), attack.getKey() + ": " + load.stderr());
        }
        assertEquals(1, (int) Files.getAttribute(target.resolve(VICTIM), "unix:nlink"),
                "no link to the host file was made anywhere");
        assertNothingWrittenOutside();

        // the same shapes naming a file of the archive itself are fine, on both engines
        String tag = tag("hardlink-inside");
        Path archive = save("hardlink-inside.tar", tag, new Tar()
                .file("inside.txt", "linked inside\n")
                .hardlink("relative", "inside.txt")
                .hardlink("absolute", "/inside.txt")
                .bytes());
        BothEngines.onBoth("load", "-i", archive.toString());
        String ctr = container("hardlink-inside");
        BothEngines.onBoth("create", "--name", ctr, tag);
        assertSameFileOnBoth(ctr, "/absolute", "linked inside\n");
        assertNothingWrittenOutside();
    }

    /** Berth alone: dockerd, run as root, creates the nodes in the layer (containers then get /dev from runc). */
    @Test
    void loadCreatesNoDeviceNodes() throws IOException {
        String tag = tag("devices");
        Path archive = save("devices.tar", tag, new Tar()
                .charDevice("mem", 1, 1)
                .blockDevice("disk", 8, 0)
                .charDevice("zero-zero", 0, 0) // a whiteout's shape, but not named as one
                .file("after-devices.txt", "still extracted\n")
                .bytes());
        berth().docker("load", "-i", archive.toString()).requireSuccess("load with device nodes");
        Path layer = Path.of(berth().docker("image", "inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", tag)
                .requireSuccess("inspect").stdout().strip());
        assertTrue(layer.startsWith(BerthEngine.shared().dataRoot()), layer.toString());
        try (Stream<Path> files = Files.walk(layer)) {
            List<Path> odd = files.filter(SecurityCliTest::isSpecial).toList();
            assertEquals(List.of(), odd, "no device node in the extracted layer");
        }
        assertEquals("still extracted\n", Files.readString(layer.resolve("after-devices.txt")));
        String ctr = container("devices");
        berth().docker("create", "--name", ctr, tag).requireSuccess("create");
        ProcessResult cp = berth().docker("cp", ctr + ":/mem", "-");
        assertEquals(1, cp.exitCode(), cp.toString());
        assertTrue(cp.stderr().contains("Could not find the file /mem in container " + ctr), cp.stderr());
    }

    @Test
    void loadRefusesArchivesThatNameFilesOutsideThemselves() throws IOException {
        byte[] layer = new Tar().file("from-the-host.txt", "read from the host\n").bytes();
        hostFile("host-layer.tar", layer);
        String hostLayer = target.resolve("host-layer.tar").toString();

        // an entry of the archive itself climbs out (the archive is unpacked before its manifest is read)
        String climbingTag = tag("outer-dotdot");
        Path climbing = work.resolve("outer-dotdot.tar");
        Files.write(climbing, new Tar()
                .file(CLIMB + targetRel + "/outer.txt", "escaped\n")
                .file("manifest.json", "[]")
                .bytes());
        ProcessResult outer = loadRefusedByBerth(climbing, climbingTag);
        assertTrue(outer.stderr().contains("is outside of"), outer.stderr());

        // manifest.json names a host file as a layer: absolutely, by climbing, and through a symlink in the archive
        for (String path : List.of(hostLayer, CLIMB + hostLayer.substring(1))) {
            String tag = tag("manifest-path");
            Path archive = work.resolve("manifest-path.tar");
            Files.write(archive, HostileArchives.saveArchive(tag, List.of(path), layer));
            ProcessResult load = loadRefusedOnBoth(archive, tag);
            assertTrue(load.stderr().contains("open " + path + ": no such file or directory"), load.stderr());
        }
        String linkTag = tag("manifest-link");
        Path linked = work.resolve("manifest-link.tar");
        Files.write(linked, HostileArchives.saveArchive(linkTag, List.of("evil/layer.tar"),
                tar -> tar.dir("evil").symlink("evil/layer.tar", hostLayer), layer));
        ProcessResult load = loadRefusedOnBoth(linked, linkTag);
        assertTrue(load.stderr().contains("open evil/layer.tar: no such file or directory"), load.stderr());
        assertNothingWrittenOutside();
    }

    // ---- docker import --------------------------------------------------------------------------------------------

    @Test
    void importRefusesClimbingEntriesAndContainsSymlinks() throws IOException {
        String refused = tag("import-dotdot");
        Path climbing = work.resolve("import-dotdot.tar");
        Files.write(climbing, new Tar()
                .file("inside.txt", "fine\n")
                .file(CLIMB + targetRel + "/imported.txt", "escaped\n")
                .bytes());
        // dockerd 20.10 clamps the name at its chroot's "/" (contained); Berth refuses it
        ProcessResult imported = berth().docker("import", climbing.toString(), refused);
        assertEquals(1, imported.exitCode(), imported.toString());
        assertTrue(imported.stderr().contains("is outside of"), imported.stderr());
        assertImageAbsent(refused);
        assertNothingWrittenOutside();

        String contained = tag("import-symlink");
        Path symlinked = work.resolve("import-symlink.tar");
        Files.write(symlinked, new Tar()
                .symlink("root", "/")
                .file("root/" + targetRel + "/imported.txt", "contained: imported\n")
                .bytes());
        BothEngines.onBoth("import", "--change", "CMD [\"/nothing-to-run\"]", symlinked.toString(), contained);
        String ctr = container("import");
        BothEngines.onBoth("create", "--name", ctr, contained);
        assertSameFileOnBoth(ctr, "/" + targetRel + "/imported.txt", "contained: imported\n");
        assertNothingWrittenOutside();
    }

    // ---- docker cp ------------------------------------------------------------------------------------------------

    @Test
    void copyIntoAContainerThroughItsSymlinksStaysInsideIt() throws Exception {
        String t = target.toString();
        String ctr = runningContainer("cp-in", "mkdir -p " + t
                + " && ln -s " + t + " /escape"
                + " && ln -s / /rootlink"
                + " && ln -s " + CLIMB + targetRel + " /relative"
                + " && ln -s " + t + "/" + VICTIM + " /victim-link"
                + " && ln -s " + t + "/absent /missing");
        Path payload = Files.writeString(work.resolve("payload.txt"), "payload\n");

        for (String dest : List.of("/escape/one.txt", "/rootlink" + t + "/two.txt", "/relative/three.txt")) {
            BothEngines.onBoth("cp", payload.toString(), ctr + ":" + dest);
        }
        // a link to a file: the CLI copies to where the link points, in the container
        BothEngines.onBoth("cp", payload.toString(), ctr + ":/victim-link");
        String listing = BothEngines.same("exec", ctr, "sh", "-c", "cd " + t + " && ls && cat " + VICTIM).stdout();
        assertEquals("one.txt\nthree.txt\ntwo.txt\n" + VICTIM + "\npayload\n", listing);
        // a link to a directory the container does not have
        ProcessResult missing = BothEngines.sameFailure("Could not find the file", "cp", payload.toString(),
                ctr + ":/missing/four.txt");
        assertEquals(1, missing.exitCode());
        assertNothingWrittenOutside();

        // a tar from stdin (docker cp - ctr:dir) with its own escapes; Berth alone, as this dockerd (20.10) answers
        // CLI 28's `docker cp - ctr:/tmp` with "destination … must be a directory" before sending anything
        byte[] climbing = new Tar().file(CLIMB + targetRel + "/five.txt", "escaped\n").bytes();
        ProcessResult refused = berth().dockerWith(Map.of(), climbing, "cp", "-", ctr + ":/tmp");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.stderr().contains("Error response from daemon: \"" + CLIMB + targetRel
                + "/five.txt\" is outside of \"/tmp\""), refused.stderr());
        byte[] throughLink = new Tar().symlink("s", "/").file("s/" + targetRel + "/six.txt", "contained: six\n")
                .bytes();
        berth().dockerWith(Map.of(), throughLink, "cp", "-", ctr + ":/").requireSuccess("cp - through a link");
        assertEquals("contained: six\n", berth().docker("exec", ctr, "cat", t + "/six.txt").stdout());
        assertNothingWrittenOutside();
    }

    @Test
    void copyOutOfAContainerThroughItsSymlinksReadsTheContainersView() throws Exception {
        hostFile("secret.txt", "host secret\n");
        hostFile("host-only.txt", "host only\n");
        String t = target.toString();
        String ctr = runningContainer("cp-out", "mkdir -p " + t
                + " && echo 'container view' > " + t + "/secret.txt"
                + " && ln -s " + t + "/secret.txt /file-link"
                + " && ln -s " + t + " /dir-link"
                + " && ln -s " + t + "/host-only.txt /dangling");

        ProcessResult file = BothEngines.same(SecurityCliTest::tarText, "cp", "-L", ctr + ":/file-link", "-");
        assertTrue(file.stdout().contains("container view") && !file.stdout().contains("host secret"), file.stdout());
        ProcessResult dir = BothEngines.same(SecurityCliTest::tarText, "cp", ctr + ":/dir-link/.", "-");
        assertTrue(dir.stdout().contains("container view"), dir.stdout());
        assertFalse(dir.stdout().contains("host secret") || dir.stdout().contains("host only"), dir.stdout());
        ProcessResult dangling = BothEngines.sameFailure("Could not find the file", "cp", "-L", ctr + ":/dangling",
                "-");
        assertFalse(dangling.stdout().contains("host only"), dangling.stdout());

        Path out = work.resolve("out");
        berth().docker("cp", ctr + ":/dir-link/.", out.toString()).requireSuccess("cp out to a directory");
        assertEquals("container view\n", Files.readString(out.resolve("secret.txt")));
        assertFalse(Files.exists(out.resolve("host-only.txt")));
        assertNothingWrittenOutside();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A file the test itself puts in {@link #target}; it must still be there, unchanged, at the end. */
    private void hostFile(String name, String content) throws IOException {
        hostFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private void hostFile(String name, byte[] content) throws IOException {
        Files.write(target.resolve(name), content);
        hostFiles.add(name);
    }

    /**
     * The target directory holds exactly what the test put there, unchanged and not linked from anywhere; Berth has
     * no half-extracted layer or unpacked archive left behind.
     */
    private void assertNothingWrittenOutside() throws IOException {
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(target)) {
            files.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertEquals(hostFiles, present, "the host directory the attacks aim at");
        assertEquals(ORIGINAL, Files.readString(target.resolve(VICTIM)));
        for (String name : hostFiles) {
            Path p = target.resolve(name);
            assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), name + " is still a plain file");
            assertEquals(1, (int) Files.getAttribute(p, "unix:nlink"), name + " gained no hardlink");
        }
        EngineDirs dirs = new EngineDirs(BerthEngine.shared().dataRoot(), BerthEngine.shared().execRoot());
        try (Stream<Path> layers = Files.list(dirs.overlay())) {
            assertEquals(List.of(), layers.filter(p -> p.getFileName().toString().startsWith("tmp-")).toList(),
                    "no half-extracted layer left");
        }
        try (Stream<Path> scratch = Files.list(dirs.images().resolve("tmp"))) {
            assertEquals(List.of(), scratch.toList(), "no unpacked archive left");
        }
    }

    /**
     * Berth refuses the archive with the CLI's exit code for a failed load. (dockerd 20.10 takes {@code ../} and
     * absolute names but clamps them at its chroot's "/", i.e. contains them in the layer: both are safe.)
     */
    private ProcessResult loadRefusedByBerth(Path archive, String tag) {
        ProcessResult load = berth().docker("load", "-i", archive.toString());
        assertEquals(1, load.exitCode(), load.toString());
        assertImageAbsent(tag);
        return load;
    }

    /** Loads on both engines, which must both refuse it with the same exit code; returns Berth's result. */
    private ProcessResult loadRefusedOnBoth(Path archive, String tag) {
        BothEngines.Pair load = BothEngines.run("load", "-i", archive.toString());
        assertTrue(load.dockerd().exitCode() != 0, "dockerd refuses " + archive.getFileName() + ": " + load.dockerd());
        assertEquals(load.dockerd().exitCode(), load.berth().exitCode(),
                archive.getFileName() + "\nberth: " + load.berth() + "\ndockerd: " + load.dockerd());
        assertImageAbsent(tag);
        return load.berth();
    }

    private void assertImageAbsent(String tag) {
        ProcessResult inspect = berth().docker("image", "inspect", tag);
        assertEquals(1, inspect.exitCode(), "no image " + tag + " after a refused archive: " + inspect);
    }

    /** {@code docker cp ctr:path -} gives the same content on both engines, and it is {@code content}. */
    private void assertSameFileOnBoth(String ctr, String path, String content) {
        ProcessResult cp = BothEngines.same(SecurityCliTest::tarText, "cp", ctr + ":" + path, "-");
        assertTrue(cp.stdout().contains(content), path + ": " + cp.stdout());
    }

    /** The file contents a small tar shows as text: its printable runs, without the header's times and owners. */
    private static String tarText(String tar) {
        StringBuilder sb = new StringBuilder();
        for (String run : tar.split("[^\\x20-\\x7e\\n]+")) {
            if (run.contains("contain") || run.contains("host") || run.contains("payload")) {
                sb.append(run).append('|');
            }
        }
        return sb.toString();
    }

    /** A device node, FIFO or socket. */
    private static boolean isSpecial(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tag(String what) {
        String tag = "berth-test/hostile-" + unique(what) + ":v1";
        tags.add(tag);
        return tag;
    }

    private String container(String what) {
        String name = unique("sec-" + what);
        containers.add(name);
        return name;
    }

    /** The same busybox container on both engines, running {@code setup} and then sleeping; waits until set up. */
    private String runningContainer(String what, String setup) throws InterruptedException {
        String name = container(what);
        BothEngines.onBoth("run", "-d", "--name", name, IMAGE, "sh", "-c", setup + " && touch /ready && sleep 300");
        for (TestEngine engine : List.of(berth(), dockerd())) {
            for (int i = 0; engine.docker("exec", name, "test", "-e", "/ready").exitCode() != 0; i++) {
                if (i > 100) {
                    throw new AssertionError(name + " did not finish its setup on " + engine);
                }
                Thread.sleep(50);
            }
        }
        return name;
    }

    private Path save(String file, String tag, byte[]... layers) throws IOException {
        return Files.write(work.resolve(file), HostileArchives.saveArchive(tag, layers));
    }
}
