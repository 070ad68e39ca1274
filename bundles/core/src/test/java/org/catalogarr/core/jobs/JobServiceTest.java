package org.catalogarr.core.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.download.DownloadEngine;
import org.catalogarr.core.download.DownloadException;
import org.catalogarr.core.download.DownloadRequest;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.JobStore;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.torznab.MagnetInfo;
import org.catalogarr.core.torznab.Magnets;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JobServiceTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Database database;
    private JobStore store;
    private JobService jobs;
    private final ScriptedEngine engine = new ScriptedEngine();

    /** Writes a small file after the test lets it, or fails, as told. */
    private static final class ScriptedEngine implements DownloadEngine {
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile String failure;
        volatile int temporaryFailures;
        volatile DownloadRequest last;

        @Override
        public List<Path> files(DownloadRequest request) {
            return List.of(request.folder().resolve(request.name() + ".mp4"));
        }

        @Override
        public Path download(DownloadRequest request, Progress progress) throws DownloadException, InterruptedException {
            last = request;
            progress.update(10, 100, 5);
            gate.await();
            if (failure != null) {
                throw new DownloadException(failure, false, null);
            }
            if (temporaryFailures > 0) {
                temporaryFailures--;
                throw new DownloadException("Site 'aniworld' is not installed", true, null);
            }
            Path file = request.folder().resolve(request.name() + ".mp4");
            try {
                Files.write(file, new byte[100]);
            } catch (java.io.IOException e) {
                throw new DownloadException(e.getMessage(), true, e);
            }
            progress.update(100, 100, 5);
            return file;
        }
    }

    private static JobService.Config config() {
        return new JobService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return JobService.Config.class;
            }

            @Override
            public String download__root() {
                return "";
            }

            @Override
            public int max__concurrent__downloads() {
                return 2;
            }

            @Override
            public int progress__flush__seconds() {
                return 1;
            }
        };
    }

    private static String magnet(int episode) {
        return Magnets.magnet(MagnetInfo.of("aniworld", "attack-on-titan", 1, episode, Language.GERMAN_DUB,
                "Attack.on.Titan.S01E0" + episode + ".German.1080p.WEB.h264-ANIWORLD"));
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        store = new JobStore(database);
        jobs = new JobService(store, engine, temp.getRoot().toPath().resolve("downloads"), config());
    }

    @After
    public void tearDown() throws InterruptedException {
        engine.gate.countDown();
        jobs.stop();
        TestDatabases.close(database);
    }

    private DownloadJob await(String hash, Predicate<DownloadJob> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            DownloadJob job = jobs.byHash(hash).orElseThrow();
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + hash + " never got there: " + jobs.byHash(hash));
    }

    @Test
    public void anAddedMagnetIsDownloadedToItsSavePath() throws Exception {
        DownloadJob added = jobs.add(magnet(1), "", "", false, List.of("sonarr"));

        DownloadJob done = await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED);

        assertEquals("aniworld", done.sourceSite());
        assertEquals(1.0, done.progress(), 0);
        assertEquals(List.of("sonarr"), done.tags());
        Path file = Path.of(done.filePath().orElseThrow());
        assertTrue(Files.exists(file));
        assertEquals(Path.of(done.savePath()), file.getParent());
        assertTrue(done.magnetMetadata().contains("\"site\":\"aniworld\""));
        assertEquals("aniworld", engine.last.siteId());
    }

    @Test
    public void tagsAreAddedOnceAndRemoved() throws Exception {
        DownloadJob added = jobs.add(magnet(1), "", "", true, List.of("sonarr"));

        jobs.addTags(List.of(added.infoHash()), List.of("a", "sonarr", " b "));
        assertEquals(List.of("sonarr", "a", "b"), store.byHash(added.infoHash()).orElseThrow().tags());

        jobs.removeTags(List.of(added.infoHash()), List.of("a"));
        assertEquals(List.of("sonarr", "b"), jobs.byHash(added.infoHash()).orElseThrow().tags());
        jobs.removeTags(List.of(added.infoHash()), List.of());
        assertEquals(List.of(), jobs.byHash(added.infoHash()).orElseThrow().tags());
    }

    @Test
    public void theSameMagnetTwiceIsOneJob() throws Exception {
        DownloadJob first = jobs.add(magnet(1), "", "", true, List.of());
        DownloadJob second = jobs.add(magnet(1), "", "", false, List.of());

        assertEquals(first.id(), second.id());
        assertEquals(1, jobs.all().size());
    }

    @Test
    public void foreignOrTamperedMagnetsAreRefusedAndNothingIsStored() {
        for (String bad : List.of("magnet:?xt=urn:btih:" + "a".repeat(40) + "&dn=x", "https://example.org/x.torrent",
                magnet(1).replace("x.catalogarr.episode=1", "x.catalogarr.episode=2"))) {
            try {
                jobs.add(bad, "", "", false, List.of());
                fail("accepted " + bad);
            } catch (JobException expected) {
                assertEquals(JobException.Reason.NOT_OUR_MAGNET, expected.reason());
            }
        }
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void savePathsAndCategoriesStayBelowTheDownloadRoot() throws Exception {
        jobs.createCategory("tv-sonarr", "");
        assertEquals("tv-sonarr", jobs.categories().get("tv-sonarr"));
        DownloadJob inCategory = jobs.add(magnet(2), "tv-sonarr", "", true, List.of());
        assertEquals(Path.of(jobs.defaultSavePath(), "tv-sonarr").toString(), inCategory.savePath());

        for (String escape : List.of("../elsewhere", "/etc", "a/../../b")) {
            try {
                jobs.add(magnet(3), "", escape, false, List.of());
                fail("accepted save path " + escape);
            } catch (JobException expected) {
                assertEquals(JobException.Reason.PATH_OUTSIDE_ROOT, expected.reason());
            }
        }
        Path outside = temp.newFolder("outside").toPath();
        Files.createSymbolicLink(Path.of(jobs.defaultSavePath(), "link"), outside);
        try {
            jobs.add(magnet(3), "", "link/x", false, List.of());
            fail("followed a symbolic link out of the root");
        } catch (JobException expected) {
            assertEquals(JobException.Reason.PATH_OUTSIDE_ROOT, expected.reason());
            assertFalse(Files.exists(outside.resolve("x")));
        }
        try {
            jobs.add(magnet(3), "no-such-category", "", false, List.of());
            fail("accepted an unknown category");
        } catch (JobException expected) {
            assertEquals(JobException.Reason.BAD_CATEGORY, expected.reason());
        }
    }

    @Test
    public void pauseStopsAndResumeFinishes() throws Exception {
        engine.gate = new CountDownLatch(1);
        DownloadJob added = jobs.add(magnet(1), "", "", false, List.of());
        await(added.infoHash(), j -> j.status() == JobStatus.DOWNLOADING && j.downloadedBytes() == 10);

        jobs.pause(List.of(added.infoHash().toUpperCase()));
        assertEquals(JobStatus.PAUSED, await(added.infoHash(), j -> j.status() == JobStatus.PAUSED).status());

        engine.gate = new CountDownLatch(0);
        jobs.resume(List.of(added.infoHash()));
        await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED);
    }

    @Test
    public void aFailedDownloadKeepsItsReason() throws Exception {
        engine.failure = "Language german-dub is not offered; the episode has: german-sub";
        DownloadJob added = jobs.add(magnet(1), "", "", false, List.of());

        DownloadJob failed = await(added.infoHash(), j -> j.status() == JobStatus.FAILED);

        assertEquals(engine.failure, failed.message().orElseThrow());
    }

    @Test
    public void aTemporaryFailureIsRetriedByItself() throws Exception {
        engine.temporaryFailures = 1;
        DownloadJob added = jobs.add(magnet(1), "", "", false, List.of());

        DownloadJob waiting = await(added.infoHash(), j -> j.status() == JobStatus.QUEUED && j.message().isPresent());
        assertTrue(waiting.message().orElseThrow(), waiting.message().orElseThrow()
                .startsWith("Attempt 1 failed, trying again in 3 s: Site 'aniworld' is not installed"));
        await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED);
    }

    @Test
    public void deleteRemovesFilesOnlyWhenAsked() throws Exception {
        DownloadJob kept = jobs.add(magnet(1), "", "", false, List.of());
        DownloadJob removed = jobs.add(magnet(2), "", "", false, List.of());
        Path keptFile = Path.of(await(kept.infoHash(), j -> j.status() == JobStatus.COMPLETED).filePath().orElseThrow());
        Path removedFile = Path.of(await(removed.infoHash(), j -> j.status() == JobStatus.COMPLETED).filePath()
                .orElseThrow());

        jobs.delete(List.of(kept.infoHash()), false);
        jobs.delete(List.of(removed.infoHash()), true);

        assertTrue(jobs.all().isEmpty());
        assertTrue(Files.exists(keptFile));
        assertFalse(Files.exists(removedFile));
    }

    @Test
    public void jobsRunningAtAStopStartAgainAfterwards() throws Exception {
        engine.gate = new CountDownLatch(1);
        DownloadJob added = jobs.add(magnet(1), "", "", false, List.of());
        await(added.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        jobs.stop();
        assertEquals(JobStatus.DOWNLOADING, store.byHash(added.infoHash()).orElseThrow().status());

        engine.gate = new CountDownLatch(0);
        jobs = new JobService(store, engine, temp.getRoot().toPath().resolve("downloads"), config());

        assertEquals(JobStatus.COMPLETED, await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED).status());
    }
}
