package org.catalogarr.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.download.DownloadEngine;
import org.catalogarr.core.download.DownloadException;
import org.catalogarr.core.download.DownloadRequest;
import org.catalogarr.core.settings.Settings;
import org.catalogarr.core.settings.SettingsRules;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.JobStore;
import org.catalogarr.core.torznab.MagnetInfo;
import org.catalogarr.core.torznab.Magnets;
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
 * is written to the database before it is visible; progress is kept in memory and written at most
 * every few seconds. Jobs that were running when the service stopped (or was killed) start again by
 * themselves and resume their part files.
 */
@Component(service = {JobService.class, Jobs.class}, configurationPid = JobService.PID)
@Designate(ocd = JobService.Config.class)
public class JobService implements Jobs {

    static final String PID = "org.catalogarr.jobs";

    @ObjectClassDefinition(name = "Catalogarr downloads", description = "Where and how many downloads run.")
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
    private static final long[] RETRY_DELAYS_SECONDS = {3, 15, 60, 300, 900};

    private final JobStore store;
    private final DownloadEngine engine;
    private final DownloadRoot root;
    private final JobScheduler scheduler;
    private final long flushNanos;
    private final Map<String, DownloadJob> live = new ConcurrentHashMap<>();
    private final Map<String, Long> flushedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Activate
    public JobService(@Reference JobStore store, @Reference DownloadEngine engine, BundleContext context,
            @Reference Settings settings, Map<String, Object> properties) throws IOException, SQLException {
        this(store, engine, settings.apply(PID, Config.class, RULES, properties),
                context.getProperty(Database.DATA_FOLDER_PROPERTY));
    }

    private JobService(JobStore store, DownloadEngine engine, Config config, String dataFolder)
            throws IOException, SQLException {
        this(store, engine, rootFolder(config, dataFolder), config);
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    JobService(JobStore store, DownloadEngine engine, Path rootFolder, Config config) throws IOException, SQLException {
        this.store = store;
        this.engine = engine;
        this.root = new DownloadRoot(rootFolder);
        this.flushNanos = TimeUnit.SECONDS.toNanos(config.progress__flush__seconds());
        this.scheduler = new JobScheduler(config.max__concurrent__downloads(), this::dispatch);
        for (DownloadJob job : store.all()) {
            if (job.status() == JobStatus.DOWNLOADING || job.status() == JobStatus.QUEUED) {
                LOG.info("Job {} ({}, site {}) was {} when the service stopped; starting it again", job.id(), job.name(),
                        job.sourceSite(), job.status().code());
                transition(job, JobStatus.QUEUED, job.message());
            }
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
        Map<String, String> categories = categories();
        String category = options.category();
        if (!category.isEmpty() && !categories.containsKey(category)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Unknown category '" + category + "'");
        }
        String folder = options.savePath().isBlank() ? categories.getOrDefault(category, "") : options.savePath();
        Path target = root.folder(folder);
        Instant now = Instant.now();
        DownloadJob job;
        try {
            job = new DownloadJob(UUID.randomUUID().toString(), info.infohash(), info.title(), info.siteId(),
                    info.slug(), info.season(), info.episode(), info.language(), Magnets.magnetMetadataJson(info),
                    options.paused() ? JobStatus.PAUSED : JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(),
                    category, options.tags(), target.toString(), Optional.empty(), now, now, Optional.empty(),
                    options.shareLimits(), store.nextQueuePosition(), false);
            store.insert(job);
        } catch (SQLException e) {
            throw new IllegalStateException("The job for " + info.title() + " could not be stored: " + e.getMessage(), e);
        }
        LOG.info("Job {} added: {} from site {} ({}), {}", job.id(), job.name(), job.sourceSite(),
                job.language().code(), job.status().code());
        dispatch();
        return job;
    }

    @Override
    public List<DownloadJob> all() {
        try {
            return store.all().stream().map(job -> live.getOrDefault(job.id(), job)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Jobs could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<DownloadJob> byHash(String hash) {
        try {
            return store.byHash(hash.toLowerCase(Locale.ROOT)).map(job -> live.getOrDefault(job.id(), job));
        } catch (SQLException e) {
            throw new IllegalStateException("Jobs could not be read: " + e.getMessage(), e);
        }
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
            try {
                store.delete(job.id());
            } catch (SQLException e) {
                throw new IllegalStateException("Job " + job.id() + " could not be deleted: " + e.getMessage(), e);
            }
            live.remove(job.id());
            LOG.info("Job {} ({}, site {}) deleted{}", job.id(), job.name(), job.sourceSite(),
                    deleteFiles ? " with its files" : "");
            if (deleteFiles) {
                deleteFiles(job);
            }
        }
        dispatch();
    }

    private void deleteFiles(DownloadJob job) {
        List<Path> files = new ArrayList<>();
        job.filePath().map(Path::of).ifPresent(files::add);
        try {
            files.addAll(engine.files(request(job)));
        } catch (IllegalArgumentException unusableName) {
            LOG.debug("Job {} has no file name the engine could use: {}", job.id(), unusableName.getMessage());
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete {} of job {}: {}", file, job.id(), e.getMessage());
            }
        }
    }

    @Override
    public synchronized void setCategory(Collection<String> hashes, String category) throws JobException {
        if (!category.isEmpty() && !categories().containsKey(category)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Unknown category '" + category + "'");
        }
        for (DownloadJob job : find(hashes)) {
            try {
                store.updateCategory(job.id(), category, Instant.now());
            } catch (SQLException e) {
                throw new IllegalStateException("Job " + job.id() + " could not be changed: " + e.getMessage(), e);
            }
            live.computeIfPresent(job.id(), (id, current) -> current.withCategory(category, Instant.now()));
        }
    }

    @Override
    public synchronized void addTags(Collection<String> hashes, List<String> tags) {
        for (DownloadJob job : find(hashes)) {
            List<String> merged = new ArrayList<>(job.tags());
            tags.stream().map(String::strip).filter(t -> !t.isEmpty() && !merged.contains(t)).forEach(merged::add);
            saveTags(job, merged);
        }
    }

    @Override
    public synchronized void removeTags(Collection<String> hashes, List<String> tags) {
        for (DownloadJob job : find(hashes)) {
            List<String> kept = tags.isEmpty() ? List.of()
                    : job.tags().stream().filter(t -> !tags.contains(t)).toList();
            saveTags(job, kept);
        }
    }

    @Override
    public synchronized void setShareLimits(Collection<String> hashes, ShareLimits limits) {
        Instant now = Instant.now();
        for (DownloadJob job : find(hashes)) {
            try {
                store.updateShareLimits(job.id(), limits, now);
            } catch (SQLException e) {
                throw new IllegalStateException("Job " + job.id() + " could not be changed: " + e.getMessage(), e);
            }
            live.computeIfPresent(job.id(), (id, current) -> current.withShareLimits(limits, now));
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
        try {
            store.updateQueue(changed, now);
        } catch (SQLException e) {
            throw new IllegalStateException("The download queue could not be saved: " + e.getMessage(), e);
        }
        for (DownloadJob job : changed) {
            live.computeIfPresent(job.id(), (id, current) -> current.withQueue(job.queuePosition(),
                    job.forceStart(), now));
        }
    }

    private void saveTags(DownloadJob job, List<String> tags) {
        Instant now = Instant.now();
        try {
            store.updateTags(job.id(), tags, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + job.id() + " could not be changed: " + e.getMessage(), e);
        }
        live.computeIfPresent(job.id(), (id, current) -> current.withTags(tags, now));
    }

    @Override
    public Map<String, String> categories() {
        try {
            return store.categories();
        } catch (SQLException e) {
            throw new IllegalStateException("Categories could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void createCategory(String name, String savePath) throws JobException {
        if (name == null || name.isBlank()) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "A category needs a name");
        }
        saveCategory(name.strip(), savePath);
    }

    @Override
    public synchronized void editCategory(String name, String savePath) throws JobException {
        if (!categories().containsKey(name)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Unknown category '" + name + "'");
        }
        saveCategory(name, savePath);
    }

    private void saveCategory(String name, String savePath) throws JobException {
        Path folder = root.folder(savePath == null || savePath.isBlank() ? name : savePath);
        try {
            store.saveCategory(name, root.path().relativize(folder).toString());
        } catch (SQLException e) {
            throw new IllegalStateException("Category " + name + " could not be saved: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void removeCategories(Collection<String> names) {
        for (String name : names) {
            try {
                store.deleteCategory(name);
            } catch (SQLException e) {
                throw new IllegalStateException("Category " + name + " could not be removed: " + e.getMessage(), e);
            }
        }
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
     * Starts the queued jobs the scheduler lets run now. A failure to read the jobs is only logged: the
     * scheduler asks again when a slot frees, a retry is due, or its periodic check comes round.
     */
    private synchronized void dispatch() {
        if (stopping) {
            return;
        }
        try {
            List<DownloadJob> queued = all().stream().filter(j -> j.status() == JobStatus.QUEUED).toList();
            scheduler.dispatch(queued, Instant.now(), this::run);
        } catch (IllegalStateException e) {
            LOG.warn("Queued jobs could not be started now: {}", e.getMessage());
        }
    }

    private void run(String id) {
        DownloadJob job;
        synchronized (this) {
            job = all().stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
            if (job == null || job.status() != JobStatus.QUEUED) {
                return;
            }
            job = transition(job, JobStatus.DOWNLOADING, Optional.empty());
        }
        DownloadJob started = job;
        try {
            Path file = engine.download(request(job), (done, total, speed) -> progress(started, done, total, speed));
            attempts.remove(id);
            finish(id, JobStatus.COMPLETED, Optional.empty(), Optional.of(file));
        } catch (DownloadException e) {
            if (stopping) {
                return;
            }
            int attempt = attempts.merge(id, 1, Integer::sum);
            if (e.retryable() && attempt <= RETRY_DELAYS_SECONDS.length) {
                retryLater(id, attempt, e.getMessage());
            } else {
                attempts.remove(id);
                finish(id, JobStatus.FAILED, Optional.of(e.getMessage()), Optional.empty());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                // A pause or the service stopping interrupted a database write; the job's state stays as
                // it was told to be, and a stop leaves it to be resumed at the next start.
                LOG.debug("Job {} interrupted: {}", id, e.toString());
                return;
            }
            LOG.error("Job {} failed unexpectedly", id, e);
            finish(id, JobStatus.FAILED, Optional.of("Unexpected failure: " + e), Optional.empty());
        }
    }

    /**
     * A hoster that is down, or a site whose bundle is not (yet) installed, may be back soon: the job
     * waits queued and tries again, later each time, before it fails for good.
     */
    private synchronized void retryLater(String id, int attempt, String reason) {
        DownloadJob current = live.get(id);
        if (current == null || current.status() != JobStatus.DOWNLOADING) {
            return;
        }
        long delay = RETRY_DELAYS_SECONDS[attempt - 1];
        transition(current, JobStatus.QUEUED,
                Optional.of("Attempt " + attempt + " failed, trying again in " + delay + " s: " + reason));
        scheduler.retryAfter(id, Duration.ofSeconds(delay));
    }

    /** Ignored once the job left the downloading state: a late report must not bring a paused job back. */
    private static DownloadRequest request(DownloadJob job) {
        return new DownloadRequest(job.sourceSite(), job.slug(), job.season(), job.episode(), job.language(),
                job.name(), Path.of(job.savePath()));
    }

    private void progress(DownloadJob job, long done, long total, double speed) {
        DownloadJob current = live.get(job.id());
        if (current == null || current.status() != JobStatus.DOWNLOADING) {
            return;
        }
        DownloadJob updated = current.withProgress(done, total < 0 ? Optional.empty() : Optional.of(total), speed,
                Instant.now());
        live.put(job.id(), updated);
        long now = System.nanoTime();
        Long last = flushedAt.get(job.id());
        if (last == null || now - last > flushNanos) {
            flushedAt.put(job.id(), now);
            write(updated);
        }
    }

    private synchronized void finish(String id, JobStatus status, Optional<String> message, Optional<Path> file) {
        DownloadJob current = live.get(id);
        if (current == null || current.status() != JobStatus.DOWNLOADING) {
            return;
        }
        long size = file.map(JobService::size).orElse(current.downloadedBytes());
        DownloadJob finished = current.finished(status, message, file.map(Path::toString), size, Instant.now());
        write(finished);
        live.remove(id);
        flushedAt.remove(id);
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

    /** Writes the new state first, then makes it visible. */
    private DownloadJob transition(DownloadJob job, JobStatus status, Optional<String> message) {
        DownloadJob next = job.withStatus(status, message, Instant.now());
        write(next);
        if (status == JobStatus.DOWNLOADING) {
            live.put(job.id(), next);
        } else {
            live.remove(job.id());
        }
        LOG.info("Job {} ({}, site {}) {} → {}", job.id(), job.name(), job.sourceSite(), job.status().code(),
                status.code());
        return next;
    }

    private void write(DownloadJob job) {
        try {
            store.updateState(job);
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + job.id() + " could not be written: " + e.getMessage(), e);
        }
    }
}
