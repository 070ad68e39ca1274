package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TargetFolderTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private Path root;
    private Path outside;

    @Before
    public void setUp() throws Exception {
        root = temp.newFolder("downloads").toPath().toRealPath();
        outside = temp.newFolder("home").toPath().toRealPath();
    }

    @Test
    public void aFolderBelowTheRootPassesEvenBeforeItExists() throws Exception {
        Files.createDirectories(root.resolve("tv"));

        assertEquals(root.resolve("tv"), new TargetFolder(root, root.resolve("tv")).checked());
        assertEquals(root.resolve("new/deeper"), new TargetFolder(root, root.resolve("new/deeper")).checked());
        assertEquals(root, new TargetFolder(root, root).checked());
    }

    @Test
    public void aFolderSwappedForALinkOrLeadingOutIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("tv"), outside);
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("no-such-folder"));

        for (Path folder : new Path[] {root.resolve("tv"), root.resolve("tv/below"), root.resolve("dangling/x"),
                root.resolve("../home"), outside}) {
            UnsafeFolderException refused = assertThrows(folder.toString(), UnsafeFolderException.class,
                    () -> new TargetFolder(root, folder).checked());
            assertTrue(refused.getMessage(), refused.getMessage().contains("outside the download folder " + root));
        }
        // A link that stays inside the root is harmless.
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
        new TargetFolder(root, root.resolve("alias")).checked();
    }

    @Test
    public void aFolderSwappedDuringTheDownloadGetsNoFileByTheRename() throws Exception {
        Path folder = Files.createDirectories(root.resolve("tv"));
        AtomicBoolean swapped = new AtomicBoolean();
        try (FakeMp4Host host = new FakeMp4Host()) {
            host.start();
            MediaSource media = new MediaSource(host.mediaUrl("abc"), Map.of("Referer", host.baseUrl() + "/"),
                    MediaSource.Kind.MP4);

            UnsafeFolderException refused = assertThrows(UnsafeFolderException.class,
                    () -> new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5))).fetch(media, new TargetFolder(root, folder), "Show S01E01",
                            "VOE 1", (done, total, speed) -> {
                                if (swapped.compareAndSet(false, true)) {
                                    swap(folder);
                                }
                            }));

            assertTrue(refused.getMessage(), refused.getMessage().contains(folder.toString()));
        }
        assertTrue(swapped.get());
        try (var files = Files.list(outside)) {
            assertEquals("nothing was renamed into the link's target", 0, files.count());
        }
        assertFalse(Files.exists(root.resolve("moved/Show S01E01.mp4")));
        assertTrue("the part file stays where it was written", Files.exists(root.resolve("moved/Show S01E01.mp4.part")));
    }

    /** Moves the folder away and puts a link to the home folder in its place. */
    private void swap(Path folder) {
        try {
            Files.move(folder, root.resolve("moved"));
            Files.createSymbolicLink(folder, outside);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
