package org.catalogarr.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.download.DownloadEngine;
import org.catalogarr.core.download.DownloadException;
import org.catalogarr.core.download.DownloadRequest;
import org.catalogarr.core.download.UnsafeFolderException;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.store.Columns;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.JobStore;
import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Download jobs: added from our magnets (one job per info-hash), run by at most
 * {@code max_concurrent_downloads} workers, each with the catalogue of its own site. Every transition
 * is written to the database before it is visible; progress is kept in memory ({@link LiveJobs}) and
 * written at most every few seconds. Jobs that were running when the service stopped (or was killed)
 * start again by themselves and resume their part files. A worker that ends without its job's end
 * being written is noticed at the next look at the queue and its job is queued again, so that no job
 * stays {@code downloading} without a worker. Immediate: interrupted jobs resume at start, not only once a
 * client happens to ask for the job list.
 * <p>
 * This class is the jobs' state machine; it hands on what is not: when a job may run ({@link JobScheduler}),
 * its progress ({@link LiveJobs}), its tries after a failure ({@link Retries}), categories and tags
 * ({@link JobLabels}) and its files ({@link JobFiles}).
 */
@Component(service = {JobService.class, Jobs.class}, configurationPid = JobService.PID, immediate = true)
@Designate(ocd = JobService.Config.class)
public class JobService implements Jobs {

    static final String PID = "org.catalogarr.jobs";

    @ObjectClassDefinition(name = "Catalogarr download queue", description = "Where and how many downloads run.")
    public @interface Config {
        @AttributeDefinition(name = "Download folder",
                description = "Every save path lies below it. Empty: 'downloads' in the data folder (CATALOGARR_DATA).")
        String download__root() default "";

        @AttributeDefinition(name = "Downloads at once", min = "1", max = "16")
        int max__concurrent__downloads() default 2;

        @AttributeDefinition(name = "Progress written every (seconds)", min = "1")
        int progress__flush__seconds() default 2;
    }

    /** The metatype ranges once more, checked whichever way a value arrives (file, console, REST). */
    static final SettingsRules RULES = SettingsRules.none()
            .range("max_concurrent_downloads", 1, 16)
            .range("progress_flush_seconds", 1, 3600)
            .check("download_root", root -> root.toString().isBlank() || isAbsolute(root.toString()),
                    "must be an absolute path or empty");

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final DownloadEngine engine;
    private final DownloadRoot root;
    private final JobScheduler scheduler;
    private final LiveJobs live;
    private final JobFiles files;
    private final JobLabels labels;
    private final Retries retries = new Retries();
    private volatile boolean stopping;

    @Activate
    public JobService(@Reference JobStore store, @Reference DownloadEngine engine, BundleContext context,
            @Reference Settings settings, Map<String, Object> properties) throws IOException {
        this(store, engine, settings.apply(PID, Config.class, RULES, properties),
                context.getProperty(Database.DATA_FOLDER_PROPERTY));
    }

    private JobService(JobStore store, DownloadEngine engine, Config config, String dataFolder)
            throws IOException {
        this(store, engine, rootFolder(config, dataFolder), config);
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    JobService(JobStore store, DownloadEngine engine, Path rootFolder, Config config) throws IOException {
        this.store = store;
        this.engine = engine;
        this.root = new DownloadRoot(rootFolder);
        this.live = new LiveJobs(store, TimeUnit.SECONDS.toNanos(config.progress__flush__seconds()));
        this.files = new JobFiles(engine);
        this.labels = new JobLabels(store, live, root, this::all);
        this.scheduler = new JobScheduler(config.max__concurrent__downloads(), this::dispatch);
        // On the queue's own thread: reading the jobs waits for the database, which opens beside the start.
        scheduler.soon(this::resumeInterrupted);
    }

    /**
     * Queues again what was downloading or queued when the service stopped. It may run after a client has
     * already added or started jobs, so a job that has a worker now, or waits for its retry, is left alone.
     */
    private synchronized void resumeInterrupted() {
        try {
            for (DownloadJob job : store.all()) {
                if ((job.status() == JobStatus.DOWNLOADING || job.status() == JobStatus.QUEUED)
                        && !scheduler.running(job.id()) && scheduler.heldUntil(job.id()).isEmpty()) {
                    LOG.info("Job {} ({}, site {}) was {} when the service stopped; starting it again", job.id(),
                            job.name(), job.sourceSite(), job.status().code());
                    transition(job, JobStatus.QUEUED, job.message());
                }
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // The service stopped while the database was still opening: nothing failed, the next start resumes them.
                LOG.debug("Resuming interrupted jobs was stopped with the service: {}", e.toString());
                return;
            }
            LOG.warn("Interrupted jobs could not be resumed now; the queue's next look starts them: {}", e.toString());
        }
        dispatch();
    }

    private static Path rootFolder(Config config, String dataFolder) {
        if (!config.download__root().isBlank()) {
            return Path.of(config.download__root());
        }
        return Path.of(dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder).resolve("downloads");
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopping = true;
        scheduler.shutdown();
    }

    @Override
    public synchronized DownloadJob add(MagnetInfo info, AddOptions options) throws JobException {
        Optional<DownloadJob> existing = byHash(info.infohash());
        if (existing.isPresent()) {
            return existing.get();
        }
        JobValues.episode(info);
        JobValues.tags(options.tags());
        String category = options.category();
        labels.checkCategory(category);
        String folder = options.savePath().isBlank() ? categories().getOrDefault(category, "") : options.savePath();
        JobValues.savePath(folder);
        Path target = root.folder(folder);
        JobValues.savePath(target.toString());
        Instant now = Instant.now();
        DownloadJob job = new DownloadJob(UUID.randomUUID().toString(), info.infohash(), info.title(), info.siteId(),
                info.slug(), info.season(), info.episode(), info.language(), Magnets.magnetMetadataJson(info),
                options.paused() ? JobStatus.PAUSED : JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(),
                category, options.tags(), target.toString(), Optional.empty(), now, now, Optional.empty(),
                options.shareLimits(), store.nextQueuePosition(), false);
        store.insert(job);
        labels.remember(options.tags());
        LOG.info("Job {} added: {} from site {} ({}), {}", job.id(), job.name(), job.sourceSite(),
                job.language().code(), job.status().code());
        dispatch();
        return job;
    }

    @Override
    public List<DownloadJob> all() {
        return store.all().stream().map(live::current).toList();
    }

    @Override
    public Optional<DownloadJob> byHash(String hash) {
        return store.byHash(hash.toLowerCase(Locale.ROOT)).map(live::current);
    }

    @Override
    public Optional<Instant> retryAt(String hash) {
        return byHash(hash).filter(job -> job.status() == JobStatus.QUEUED)
                .flatMap(job -> scheduler.heldUntil(job.id())).filter(Instant.now()::isBefore);
    }

    @Override
    public synchronized void retryNow(Collection<String> hashes) {
        for (DownloadJob job : find(hashes)) {
            if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
                retries.forget(job.id());
                transition(job, JobStatus.QUEUED, Optional.empty());
                scheduler.release(job.id());
            } else if (job.status() == JobStatus.QUEUED) {
                scheduler.release(job.id());
            }
        }
        dispatch();
    }

    @Override
    public synchronized void pause(Collection<String> hashes) {
        for (DownloadJob job : find(hashes)) {
            if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.DOWNLOADING) {
                transition(job, JobStatus.PAUSED, Optional.empty());
                scheduler.stop(job.id());
            }
        }
        dispatch();
    }

    @Override
    public synchronized void resume(Collection<String> hashes) {
        for (DownloadJob job : find(hashes)) {
            resume(job);
        }
        dispatch();
    }

    private void resume(DownloadJob job) {
        if (job.status() == JobStatus.PAUSED || job.status() == JobStatus.FAILED) {
            transition(job, JobStatus.QUEUED, Optional.empty());
            scheduler.release(job.id());
        }
    }

    @Override
    public synchronized void delete(Collection<String> hashes, boolean deleteFiles) {
        for (DownloadJob job : find(hashes)) {
            scheduler.stop(job.id());
            store.delete(job.id());
            live.left(job.id());
            LOG.info("Job {} ({}, site {}) deleted{}", job.id(), job.name(), job.sourceSite(),
                    deleteFiles ? " with its files" : "");
            if (deleteFiles) {
                files.delete(job, request(job));
            }
        }
        dispatch();
    }

    @Override
    public synchronized void setCategory(Collection<String> hashes, String category) throws JobException {
        labels.setCategory(find(hashes), category);
    }

    @Override
    public synchronized void addTags(Collection<String> hashes, List<String> tags) throws JobException {
        labels.addTags(find(hashes), tags);
    }

    @Override
    public synchronized void removeTags(Collection<String> hashes, List<String> tags) {
        labels.removeTags(find(hashes), tags);
    }

    @Override
    public List<String> tags() {
        return labels.tags();
    }

    @Override
    public synchronized void createTags(List<String> tags) throws JobException {
        labels.createTags(tags);
    }

    @Override
    public synchronized void deleteTags(List<String> names) {
        labels.deleteTags(names);
    }

    @Override
    public synchronized void setShareLimits(Collection<String> hashes, ShareLimits limits) {
        Instant now = Instant.now();
        for (DownloadJob job : find(hashes)) {
            store.updateShareLimits(job.id(), limits, now);
            live.change(job.id(), current -> current.withShareLimits(limits, now));
        }
    }

    /** Reorders the unfinished jobs and numbers them 1, 2, 3, ... again; finished jobs have left the queue. */
    @Override
    public synchronized void move(Collection<String> hashes, QueueMove move) {
        List<DownloadJob> queue = all().stream().filter(j -> !j.status().finished()).sorted(DownloadJob.QUEUE_ORDER)
                .toList();
        queue = QueueOrder.move(queue, find(hashes).stream().map(DownloadJob::id).toList(), move);
        Instant now = Instant.now();
        List<DownloadJob> renumbered = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            DownloadJob job = queue.get(i);
            if (job.queuePosition() != i + 1) {
                renumbered.add(job.withQueue(i + 1, job.forceStart(), now));
            }
        }
        saveQueue(renumbered, now);
        dispatch();
    }

    /** Forcing a job also resumes it, as qBittorrent does; so does taking the force back. */
    @Override
    public synchronized void setForceStart(Collection<String> hashes, boolean force) {
        Instant now = Instant.now();
        List<DownloadJob> changed = new ArrayList<>();
        for (DownloadJob job : find(hashes)) {
            if (job.forceStart() != force) {
                changed.add(job.withQueue(job.queuePosition(), force, now));
            }
        }
        saveQueue(changed, now);
        for (DownloadJob job : find(hashes)) {
            resume(job);
        }
        dispatch();
    }

    private void saveQueue(List<DownloadJob> changed, Instant now) {
        store.updateQueue(changed, now);
        for (DownloadJob job : changed) {
            live.change(job.id(), current -> current.withQueue(job.queuePosition(), job.forceStart(), now));
        }
    }

    @Override
    public Map<String, String> categories() {
        return labels.categories();
    }

    @Override
    public synchronized void createCategory(String name, String savePath) throws JobException {
        labels.createCategory(name, savePath);
    }

    @Override
    public synchronized void editCategory(String name, String savePath) throws JobException {
        labels.editCategory(name, savePath);
    }

    @Override
    public synchronized void removeCategories(Collection<String> names) {
        labels.removeCategories(names);
    }

    @Override
    public String defaultSavePath() {
        return root.path().toString();
    }

    private List<DownloadJob> find(Collection<String> hashes) {
        List<DownloadJob> jobs = new ArrayList<>();
        boolean everything = hashes.stream().anyMatch("all"::equalsIgnoreCase);
        for (DownloadJob job : all()) {
            if (everything || hashes.stream().anyMatch(h -> h.equalsIgnoreCase(job.infoHash()))) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /**
     * Starts the queued jobs the scheduler lets run now, after queueing again any job the database says
     * is downloading but that no worker runs (its worker ended and its end could not be written). A
     * failure is only logged: the scheduler asks again when a slot frees, a retry is due, or its
     * periodic check comes round.
     */
    private synchronized void dispatch() {
        if (stopping) {
            return;
        }
        try {
            List<DownloadJob> queued = new ArrayList<>();
            for (DownloadJob job : store.all()) {
                if (job.status() == JobStatus.DOWNLOADING && !scheduler.running(job.id())) {
                    LOG.warn("Job {} ({}, site {}) is downloading without a worker; queueing it again", job.id(),
                            job.name(), job.sourceSite());
                    job = transition(job, JobStatus.QUEUED, Optional.of("The download stopped without its end being"
                            + " recorded; started again"));
                }
                if (job.status() == JobStatus.QUEUED) {
                    queued.add(job);
                }
            }
            scheduler.dispatch(queued, Instant.now(), this::run);
        } catch (RuntimeException e) {
            LOG.warn("Queued jobs could not be started now: {}", e.toString());
        }
    }

    /**
     * A job's worker. Whatever it throws ends here: logged once with the job, and the job failed with a
     * bounded message (or queued for a retry). Only the interruption of a pause, a delete or the service
     * stopping ends it quietly, as the state was already written by whoever interrupted it.
     */
    private void run(String id) {
        DownloadJob job;
        synchronized (this) {
            job = all().stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
            if (job == null || job.status() != JobStatus.QUEUED) {
                return;
            }
            job = transition(job, JobStatus.DOWNLOADING, Optional.empty());
        }
        try {
            download(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                // A pause or the service stopping interrupted a database write; the job's state stays as
                // it was told to be, and a stop leaves it to be resumed at the next start.
                LOG.debug("Job {} interrupted: {}", id, e.toString());
                return;
            }
            LOG.error("Job {} ({}, site {}) failed unexpectedly", id, job.name(), job.sourceSite(), e);
            try {
                finish(id, JobStatus.FAILED, Optional.of("Unexpected failure: " + e), Optional.empty());
            } catch (RuntimeException | Error again) {
                LOG.error("Job {} could not be marked failed ({}); it is queued again at the next look at the queue",
                        id, again.toString());
            }
        }
    }

    private void download(DownloadJob job) throws InterruptedException {
        String id = job.id();
        DownloadRequest request = request(job);
        try {
            // Checked again now, not only when it was added: the folder may have been swapped for a link since.
            request.target().checked();
            Path file = engine.download(request, new DownloadEngine.Progress() {
                @Override
                public void update(long done, long total, double speed) {
                    live.progress(id, done, total, speed);
                }

                @Override
                public void file(Path target) {
                    live.file(id, target.toString());
                }
            });
            retries.forget(id);
            finish(id, JobStatus.COMPLETED, Optional.empty(), Optional.of(file));
        } catch (UnsafeFolderException e) {
            retries.forget(id);
            finish(id, JobStatus.FAILED, Optional.of(e.getMessage()), Optional.empty());
        } catch (DownloadException e) {
            if (stopping) {
                return;
            }
            Optional<Retries.Retry> retry = e.retryable() ? retries.next(id) : Optional.empty();
            if (retry.isPresent()) {
                retryLater(id, retry.get(), e.getMessage());
            } else {
                retries.forget(id);
                finish(id, JobStatus.FAILED, Optional.of(e.getMessage()), Optional.empty());
            }
        }
    }

    /**
     * A hoster that is down, or a site whose bundle is not (yet) installed, may be back soon: the job
     * waits queued and tries again, later each time, before it fails for good.
     */
    private synchronized void retryLater(String id, Retries.Retry retry, String reason) {
        Optional<DownloadJob> current = live.get(id);
        if (current.isEmpty() || current.get().status() != JobStatus.DOWNLOADING) {
            return;
        }
        String message = retry.message(reason, Instant.now());
        DownloadJob job = transition(current.get(), JobStatus.QUEUED, Optional.of(message));
        LOG.warn("Job {} ({}, site {}) waits: {}", id, job.name(), job.sourceSite(), message);
        scheduler.retryAfter(id, retry.delay());
    }

    private DownloadRequest request(DownloadJob job) {
        return new DownloadRequest(job.sourceSite(), job.slug(), job.season(), job.episode(), job.language(),
                job.name(), Path.of(job.savePath()), root.path());
    }

    /** Ignored once the job left the downloading state: a late report must not bring a paused job back. */
    private synchronized void finish(String id, JobStatus status, Optional<String> reason, Optional<Path> file) {
        Optional<DownloadJob> current = live.get(id);
        if (current.isEmpty() || current.get().status() != JobStatus.DOWNLOADING) {
            return;
        }
        long size = file.map(JobService::size).orElse(current.get().downloadedBytes());
        Optional<String> message = bounded(reason);
        DownloadJob finished = current.get().finished(status, message, file.map(Path::toString), size, Instant.now());
        store.updateState(finished);
        live.left(id);
        LOG.info("Job {} ({}, site {}) {}{}", id, finished.name(), finished.sourceSite(), status.code(),
                message.map(m -> ": " + m).orElse(file.map(f -> ": " + f).orElse("")));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Messages quote hosters and sites, which may say a lot: what is kept, shown and logged is bounded. */
    private static Optional<String> bounded(Optional<String> message) {
        return message.map(m -> Columns.cut(m, Columns.JOB_MESSAGE));
    }

    /** Writes the new state first, then makes it visible. */
    private DownloadJob transition(DownloadJob job, JobStatus status, Optional<String> message) {
        DownloadJob next = job.withStatus(status, bounded(message), Instant.now());
        store.updateState(next);
        if (status == JobStatus.DOWNLOADING) {
            live.started(next);
        } else {
            live.left(job.id());
        }
        LOG.info("Job {} ({}, site {}) {} → {}", job.id(), job.name(), job.sourceSite(), job.status().code(),
                status.code());
        return next;
    }
}
