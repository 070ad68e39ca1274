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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.download.DownloadEngine;
import org.catalogarr.core.download.DownloadException;
import org.catalogarr.core.download.DownloadRequest;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.JobStore;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.torrent.MagnetInfo;
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
        /** Gates for single episodes, taking the place of the common gate. */
        final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
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
            progress.file(request.folder().resolve(request.name() + ".mp4"));
            progress.update(10, 100, 5);
            gates.getOrDefault(request.episode(), gate).await();
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

    /** The defaults of {@code org.catalogarr.jobs}, with a progress flush of one second. */
    static JobService.Config config() {
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

    private static MagnetInfo episode(int episode) {
        return MagnetInfo.of("aniworld", "attack-on-titan", 1, episode, Language.GERMAN_DUB,
                "Attack.on.Titan.S01E0" + episode + ".German.1080p.WEB.h264-ANIWORLD");
    }

    private static AddOptions options(String category, String savePath, boolean paused, List<String> tags) {
        return new AddOptions(category, savePath, paused, tags, ShareLimits.DEFAULT);
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
        engine.gates.values().forEach(CountDownLatch::countDown);
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
        DownloadJob added = jobs.add(episode(1), options("", "", false, List.of("sonarr")));

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
        DownloadJob added = jobs.add(episode(1), options("", "", true, List.of("sonarr")));

        jobs.addTags(List.of(added.infoHash()), List.of("a", "sonarr", " b "));
        assertEquals(List.of("sonarr", "a", "b"), store.byHash(added.infoHash()).orElseThrow().tags());

        jobs.removeTags(List.of(added.infoHash()), List.of("a"));
        assertEquals(List.of("sonarr", "b"), jobs.byHash(added.infoHash()).orElseThrow().tags());
        jobs.removeTags(List.of(added.infoHash()), List.of());
        assertEquals(List.of(), jobs.byHash(added.infoHash()).orElseThrow().tags());
    }

    @Test
    public void tagsLiveOnTheirOwnAndADeletedTagLeavesEveryJob() throws Exception {
        engine.gate = new CountDownLatch(1);
        DownloadJob running = jobs.add(episode(1), options("", "", false, List.of("sonarr", "keep")));
        DownloadJob paused = jobs.add(episode(2), options("", "", true, List.of("sonarr")));
        await(running.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        jobs.createTags(List.of(" spare ", "", "spare"));
        jobs.addTags(List.of("ffffffffffffffffffffffffffffffffffffffff"), List.of("on-nothing"));

        assertEquals(List.of("keep", "sonarr", "spare"), jobs.tags());

        jobs.deleteTags(List.of("sonarr", "spare"));

        assertEquals(List.of("keep"), jobs.tags());
        assertEquals(List.of("keep"), jobs.byHash(running.infoHash()).orElseThrow().tags());
        assertEquals(List.of(), jobs.byHash(paused.infoHash()).orElseThrow().tags());
        engine.gate.countDown();
        // The live entry was changed too: the tags written at the end do not bring the deleted tag back.
        assertEquals(List.of("keep"), await(running.infoHash(), j -> j.status() == JobStatus.COMPLETED).tags());
    }

    @Test
    public void aJobKnowsItsFileOnceTheEngineNamesItAndKeepsIt() throws Exception {
        engine.gate = new CountDownLatch(1);
        DownloadJob waiting = jobs.add(episode(1), options("", "", true, List.of()));
        assertEquals(Optional.empty(), waiting.filePath());

        jobs.resume(List.of(waiting.infoHash()));
        DownloadJob started = await(waiting.infoHash(), j -> j.status() == JobStatus.DOWNLOADING
                && j.filePath().isPresent());
        assertEquals(Path.of(started.savePath(), started.name() + ".mp4").toString(), started.filePath().orElseThrow());

        jobs.pause(List.of(waiting.infoHash()));
        assertEquals(started.filePath(), store.byHash(waiting.infoHash()).orElseThrow().filePath());
    }

    @Test
    public void theSameMagnetTwiceIsOneJob() throws Exception {
        DownloadJob first = jobs.add(episode(1), options("", "", true, List.of()));
        DownloadJob second = jobs.add(episode(1), options("", "", false, List.of()));

        assertEquals(first.id(), second.id());
        assertEquals(1, jobs.all().size());
    }

    @Test
    public void savePathsAndCategoriesStayBelowTheDownloadRoot() throws Exception {
        jobs.createCategory("tv-sonarr", "");
        assertEquals("tv-sonarr", jobs.categories().get("tv-sonarr"));
        DownloadJob inCategory = jobs.add(episode(2), options("tv-sonarr", "", true, List.of()));
        assertEquals(Path.of(jobs.defaultSavePath(), "tv-sonarr").toString(), inCategory.savePath());

        for (String escape : List.of("../elsewhere", "/etc", "a/../../b")) {
            try {
                jobs.add(episode(3), options("", escape, false, List.of()));
                fail("accepted save path " + escape);
            } catch (JobException expected) {
                assertEquals(JobException.Reason.PATH_OUTSIDE_ROOT, expected.reason());
            }
        }
        Path outside = temp.newFolder("outside").toPath();
        Files.createSymbolicLink(Path.of(jobs.defaultSavePath(), "link"), outside);
        try {
            jobs.add(episode(3), options("", "link/x", false, List.of()));
            fail("followed a symbolic link out of the root");
        } catch (JobException expected) {
            assertEquals(JobException.Reason.PATH_OUTSIDE_ROOT, expected.reason());
            assertFalse(Files.exists(outside.resolve("x")));
        }
        try {
            jobs.add(episode(3), options("no-such-category", "", false, List.of()));
            fail("accepted an unknown category");
        } catch (JobException expected) {
            assertEquals(JobException.Reason.BAD_CATEGORY, expected.reason());
        }
    }

    @Test
    public void pauseStopsAndResumeFinishes() throws Exception {
        engine.gate = new CountDownLatch(1);
        DownloadJob added = jobs.add(episode(1), options("", "", false, List.of()));
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
        DownloadJob added = jobs.add(episode(1), options("", "", false, List.of()));

        DownloadJob failed = await(added.infoHash(), j -> j.status() == JobStatus.FAILED);

        assertEquals(engine.failure, failed.message().orElseThrow());
    }

    @Test
    public void aTemporaryFailureIsRetriedByItself() throws Exception {
        engine.temporaryFailures = 1;
        DownloadJob added = jobs.add(episode(1), options("", "", false, List.of()));

        DownloadJob waiting = await(added.infoHash(), j -> j.status() == JobStatus.QUEUED && j.message().isPresent());
        assertTrue(waiting.message().orElseThrow(), waiting.message().orElseThrow()
                .matches("Site 'aniworld' is not installed; retry 1 of 5 in 3 s, at \\d\\d:\\d\\d:\\d\\d UTC"));
        await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED);
    }

    @Test
    public void deleteRemovesFilesOnlyWhenAsked() throws Exception {
        DownloadJob kept = jobs.add(episode(1), options("", "", false, List.of()));
        DownloadJob removed = jobs.add(episode(2), options("", "", false, List.of()));
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
        DownloadJob added = jobs.add(episode(1), options("", "", false, List.of()));
        await(added.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        jobs.stop();
        assertEquals(JobStatus.DOWNLOADING, store.byHash(added.infoHash()).orElseThrow().status());

        engine.gate = new CountDownLatch(0);
        jobs = new JobService(store, engine, temp.getRoot().toPath().resolve("downloads"), config());

        assertEquals(JobStatus.COMPLETED, await(added.infoHash(), j -> j.status() == JobStatus.COMPLETED).status());
    }

    /** Episodes 1 and 2 take both download slots until their gates open. */
    private List<DownloadJob> fillBothSlots() throws Exception {
        engine.gates.put(1, new CountDownLatch(1));
        engine.gates.put(2, new CountDownLatch(1));
        List<DownloadJob> running = List.of(jobs.add(episode(1), options("", "", false, List.of())),
                jobs.add(episode(2), options("", "", false, List.of())));
        for (DownloadJob job : running) {
            await(job.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        }
        return running;
    }

    @Test
    public void theQueueRunsInItsOrderAndTopPrioMovesAJobToTheFront() throws Exception {
        fillBothSlots();
        engine.gates.put(3, new CountDownLatch(1));
        engine.gates.put(4, new CountDownLatch(1));
        DownloadJob third = jobs.add(episode(3), options("", "", false, List.of()));
        DownloadJob fourth = jobs.add(episode(4), options("", "", false, List.of()));
        assertEquals(JobStatus.QUEUED, jobs.byHash(third.infoHash()).orElseThrow().status());

        jobs.move(List.of(fourth.infoHash()), QueueMove.TOP);
        List<String> order = jobs.all().stream().filter(j -> !j.status().finished()).sorted(DownloadJob.QUEUE_ORDER)
                .map(DownloadJob::infoHash).toList();
        assertEquals(fourth.infoHash(), order.get(0));
        engine.gates.get(1).countDown();

        await(fourth.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        assertEquals("the slot went to the job moved to the top", JobStatus.QUEUED,
                jobs.byHash(third.infoHash()).orElseThrow().status());
    }

    @Test
    public void movesUpAndDownSwapWithTheNeighbour() throws Exception {
        List<DownloadJob> added = List.of(jobs.add(episode(1), options("", "", true, List.of())),
                jobs.add(episode(2), options("", "", true, List.of())),
                jobs.add(episode(3), options("", "", true, List.of())));

        jobs.move(List.of(added.get(2).infoHash()), QueueMove.UP);
        assertEquals(List.of(1, 3, 2), queuedEpisodes());
        jobs.move(List.of(added.get(0).infoHash()), QueueMove.DOWN);
        assertEquals(List.of(3, 1, 2), queuedEpisodes());
        jobs.move(List.of(added.get(2).infoHash()), QueueMove.BOTTOM);
        assertEquals(List.of(1, 2, 3), queuedEpisodes());
    }

    private List<Integer> queuedEpisodes() {
        return jobs.all().stream().sorted(DownloadJob.QUEUE_ORDER).map(DownloadJob::episode).toList();
    }

    @Test
    public void aForceStartedJobRunsBeyondTheLimit() throws Exception {
        fillBothSlots();
        DownloadJob third = jobs.add(episode(3), options("", "", false, List.of()));
        engine.gates.put(3, new CountDownLatch(1));

        jobs.setForceStart(List.of(third.infoHash()), true);

        DownloadJob forced = await(third.infoHash(), j -> j.status() == JobStatus.DOWNLOADING);
        assertTrue(forced.forceStart());
        assertEquals(3, jobs.all().stream().filter(j -> j.status() == JobStatus.DOWNLOADING).count());
    }

    @Test
    public void forceStartResumesAPausedJob() throws Exception {
        DownloadJob paused = jobs.add(episode(1), options("", "", true, List.of()));

        jobs.setForceStart(List.of(paused.infoHash()), true);

        assertTrue(await(paused.infoHash(), j -> j.status() == JobStatus.COMPLETED).forceStart());
    }

    @Test
    public void shareLimitsAreStoredAndSurviveARestart() throws Exception {
        DownloadJob added = jobs.add(episode(1), new AddOptions("", "", true, List.of(),
                new ShareLimits(1.5, 60, ShareLimits.GLOBAL)));
        assertEquals(1.5, store.byHash(added.infoHash()).orElseThrow().shareLimits().ratioLimit(), 0);

        jobs.setShareLimits(List.of(added.infoHash()), new ShareLimits(2, ShareLimits.NONE, 10));
        jobs.stop();
        jobs = new JobService(store, engine, temp.getRoot().toPath().resolve("downloads"), config());

        assertEquals(new ShareLimits(2, ShareLimits.NONE, 10), jobs.byHash(added.infoHash()).orElseThrow().shareLimits());
    }
}
