package dev.berth.desktop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Dockerd;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both ways of listing a directory (exec of ls, the archive's headers) against the real test dockerd. */
@Timeout(60)
class DirectoryListingTest {

    private static final String NAME = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
    private static EngineClient client;

    @BeforeAll
    static void container() {
        Dockerd.shared().docker("run", "-d", "--name", NAME, Dockerd.BUSYBOX, "sleep", "300").requireSuccess("run");
        Dockerd.shared().docker("exec", NAME, "sh", "-c", "mkdir -p '/srv/a dir/deep/deeper' && printf 12345 > /srv/five"
                + " && printf x > '/srv/a dir/deep/deeper/inner' && ln -s five /srv/link && ln -s '/srv/a dir' /srv/dirlink"
                + " && chmod 4750 /srv/five && mkfifo /srv/pipe && dd if=/dev/zero of=/srv/big bs=1024 count=3000 2>/dev/null")
                .requireSuccess("prepare /srv");
        client = EngineClient.connect(Dockerd.shared().unixEndpoint());
    }

    @AfterAll
    static void remove() {
        Dockerd.shared().docker("rm", "-f", NAME);
        client.close();
    }

    @Test
    void lsAndTheArchiveAgreeOnEveryImmediateChild() {
        List<FileEntry> viaLs = list("/srv", true, DirectoryListing.Source.EXEC);
        List<FileEntry> viaArchive = list("/srv", false, DirectoryListing.Source.ARCHIVE);

        assertEquals(List.of("a dir", "big", "dirlink", "five", "link", "pipe"), viaArchive.stream().map(FileEntry::name).toList(),
                "immediate children only, nothing from deeper down");
        assertEquals(viaLs.size(), viaArchive.size());
        for (int i = 0; i < viaLs.size(); i++) {
            FileEntry ls = viaLs.get(i);
            FileEntry tar = viaArchive.get(i);
            assertEquals(ls.name(), tar.name());
            assertEquals(ls.kind(), tar.kind(), ls.name());
            assertEquals(ls.size(), tar.size(), ls.name());
            assertEquals(ls.permissions(), tar.permissions(), ls.name());
            assertEquals(ls.linkTarget(), tar.linkTarget(), ls.name());
            assertEquals(ls.modified().truncatedTo(ChronoUnit.SECONDS), tar.modified().truncatedTo(ChronoUnit.SECONDS), ls.name());
        }
        FileEntry five = byName(viaArchive, "five");
        assertEquals(5, five.size());
        assertEquals("-rwsr-x---", five.modeText());
        assertEquals(3000 * 1024, byName(viaArchive, "big").size());
        assertEquals(FileEntry.Kind.OTHER, byName(viaArchive, "pipe").kind());
        assertEquals("five", byName(viaArchive, "link").linkTarget());
    }

    @Test
    void aSymlinkedDirectoryIsListedThroughTheLinkEitherWay() {
        assertEquals(List.of("deep"), list("/srv/dirlink", true, DirectoryListing.Source.EXEC).stream().map(FileEntry::name).toList());
        assertEquals(List.of("deep"), list("/srv/dirlink", false, DirectoryListing.Source.ARCHIVE).stream().map(FileEntry::name).toList());
    }

    @Test
    void missingDirectoriesFailWithTheEnginesNotFound() {
        assertThrows(EngineApiException.NotFound.class,
                () -> new DirectoryListing(client, NAME, "/no/such/dir").run(e -> { }));
    }

    @Test
    void theRootOfTheFileSystemIsListed() {
        List<String> names = list("/", false, DirectoryListing.Source.ARCHIVE).stream().map(FileEntry::name).toList();
        assertTrue(names.containsAll(List.of("bin", "etc", "srv", "tmp")), names.toString());
    }

    private static List<FileEntry> list(String dir, boolean execAllowed, DirectoryListing.Source expected) {
        List<FileEntry> entries = new ArrayList<>();
        DirectoryListing.Source source = new DirectoryListing(client, NAME, dir, execAllowed).run(entries::add);
        assertEquals(expected, source);
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    private static FileEntry byName(List<FileEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
