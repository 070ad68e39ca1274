package org.catalogarr.core.qbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.jobs.AddOptions;
import org.catalogarr.core.jobs.JobException.Reason;
import org.catalogarr.core.jobs.JobException;
import org.catalogarr.core.jobs.Jobs;
import org.catalogarr.core.jobs.QueueMove;
import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.Magnets;

/**
 * Jobs in memory, following the {@link Jobs} contract: categories must exist, save paths must stay below
 * {@value #ROOT}. Queue moves are recorded rather than carried out; the job service's own tests cover them.
 */
final class FakeJobs implements Jobs {

    static final String ROOT = "/downloads";

    private final Map<String, DownloadJob> jobs = new LinkedHashMap<>();
    private final Map<String, String> categories = new TreeMap<>();
    private final Set<String> tags = new TreeSet<>();
    final List<String> deletedWithFiles = new ArrayList<>();
    final List<String> deletedKeepingFiles = new ArrayList<>();
    final List<String> moves = new ArrayList<>();
    /** How often {@link #add} was called, existing hashes included. */
    int addCalls;
    /** Makes every new category name invalid, as a stricter job service might judge it. */
    volatile boolean refuseCategoryNames;
    private final Instant created;
    private int ids;

    FakeJobs(Instant created) {
        this.created = created;
    }

    /** Episode {@code n} of season 1 of s.to's "series", in German. */
    static MagnetInfo episode(int n, String title) {
        return MagnetInfo.of("sto", "series", 1, n, Language.GERMAN_DUB, title);
    }

    static String magnet(int n, String title) {
        return Magnets.magnet(episode(n, title));
    }

    @Override
    public synchronized DownloadJob add(MagnetInfo episode, AddOptions options) throws JobException {
        addCalls++;
        String category = options.category();
        if (!category.isEmpty() && !categories.containsKey(category)) {
            throw new JobException(Reason.BAD_CATEGORY, "Unknown category " + category);
        }
        String folder = options.savePath().isEmpty() ? categoryPath(category) : checked(options.savePath());
        DownloadJob existing = jobs.get(episode.infohash());
        if (existing != null) {
            return existing;
        }
        DownloadJob job = new DownloadJob("job-" + ++ids, episode.infohash(), episode.title(), episode.siteId(),
                episode.slug(), episode.season(), episode.episode(), episode.language(),
                Magnets.magnetMetadataJson(episode), options.paused() ? JobStatus.PAUSED : JobStatus.QUEUED, 0,
                Optional.empty(), 0, Optional.empty(), category, options.tags(), folder, Optional.empty(), created,
                created, Optional.empty(), options.shareLimits(), ids, false);
        jobs.put(episode.infohash(), job);
        return job;
    }

    /** Changes a job as the download engine would. */
    synchronized void update(String hash, UnaryOperator<DownloadJob> change) {
        jobs.computeIfPresent(hash.toLowerCase(Locale.ROOT), (h, job) -> change.apply(job));
    }

    @Override
    public synchronized List<DownloadJob> all() {
        return List.copyOf(jobs.values());
    }

    @Override
    public synchronized Optional<DownloadJob> byHash(String hash) {
        return Optional.ofNullable(jobs.get(hash.toLowerCase(Locale.ROOT)));
    }

    /** No job waits for a retry here: failures are the job service's own tests' business. */
    @Override
    public Optional<Instant> retryAt(String hash) {
        return Optional.empty();
    }

    @Override
    public synchronized void retryNow(Collection<String> hashes) {
        hashes.forEach(h -> update(h, j -> j.status() == JobStatus.FAILED ? with(j, JobStatus.QUEUED) : j));
    }

    @Override
    public synchronized void pause(Collection<String> hashes) {
        hashes.forEach(h -> update(h, j -> j.status().finished() ? j : with(j, JobStatus.PAUSED)));
    }

    @Override
    public synchronized void resume(Collection<String> hashes) {
        hashes.forEach(h -> update(h, j -> j.status() == JobStatus.PAUSED ? with(j, JobStatus.QUEUED) : j));
    }

    @Override
    public synchronized void delete(Collection<String> hashes, boolean deleteFiles) {
        for (String h : hashes) {
            if (jobs.remove(h.toLowerCase(Locale.ROOT)) != null) {
                (deleteFiles ? deletedWithFiles : deletedKeepingFiles).add(h.toLowerCase(Locale.ROOT));
            }
        }
    }

    @Override
    public synchronized void setCategory(Collection<String> hashes, String category) throws JobException {
        if (!category.isEmpty() && !categories.containsKey(category)) {
            throw new JobException(Reason.BAD_CATEGORY, "Unknown category " + category);
        }
        hashes.forEach(h -> update(h, j -> j.withCategory(category, j.updatedAt())));
    }

    @Override
    public synchronized void setShareLimits(Collection<String> hashes, ShareLimits limits) {
        hashes.forEach(h -> update(h, j -> j.withShareLimits(limits, j.updatedAt())));
    }

    @Override
    public synchronized void move(Collection<String> hashes, QueueMove move) {
        moves.add(move + " " + String.join("|", hashes));
    }

    @Override
    public synchronized void setForceStart(Collection<String> hashes, boolean force) {
        hashes.forEach(h -> update(h, j -> j.withQueue(j.queuePosition(), force, j.updatedAt())));
    }

    @Override
    public synchronized Map<String, String> categories() {
        return Map.copyOf(categories);
    }

    @Override
    public synchronized void createCategory(String name, String savePath) throws JobException {
        if (name.isBlank()) {
            throw new JobException(Reason.BAD_CATEGORY, "Empty category name");
        }
        if (refuseCategoryNames) {
            throw new JobException(Reason.BAD_CATEGORY, "Invalid category name " + name);
        }
        categories.put(name, savePath.isEmpty() ? ROOT + "/" + name : checked(savePath));
    }

    @Override
    public synchronized void editCategory(String name, String savePath) throws JobException {
        if (!categories.containsKey(name)) {
            throw new JobException(Reason.BAD_CATEGORY, "Unknown category " + name);
        }
        categories.put(name, savePath.isEmpty() ? ROOT + "/" + name : checked(savePath));
    }

    @Override
    public synchronized void removeCategories(Collection<String> names) {
        names.forEach(categories::remove);
    }

    @Override
    public String defaultSavePath() {
        return ROOT;
    }

    private String categoryPath(String category) {
        return category.isEmpty() ? ROOT : categories.get(category);
    }

    private static String checked(String path) throws JobException {
        if (!(path.equals(ROOT) || path.startsWith(ROOT + "/")) || path.contains("..")) {
            throw new JobException(Reason.PATH_OUTSIDE_ROOT, path + " is outside " + ROOT);
        }
        return path;
    }

    @Override
    public synchronized void addTags(Collection<String> hashes, List<String> tags) {
        if (hashes.stream().anyMatch(h -> jobs.containsKey(h.toLowerCase(Locale.ROOT)))) {
            this.tags.addAll(tags);
        }
        hashes.forEach(h -> update(h, j -> {
            List<String> merged = new ArrayList<>(j.tags());
            tags.stream().filter(t -> !merged.contains(t)).forEach(merged::add);
            return j.withTags(merged, j.updatedAt());
        }));
    }

    @Override
    public void removeTags(Collection<String> hashes, List<String> tags) {
        hashes.forEach(h -> update(h, j -> j.withTags(tags.isEmpty() ? List.of()
                : j.tags().stream().filter(t -> !tags.contains(t)).toList(), j.updatedAt())));
    }

    @Override
    public synchronized List<String> tags() {
        TreeSet<String> all = new TreeSet<>(tags);
        jobs.values().forEach(j -> all.addAll(j.tags()));
        return List.copyOf(all);
    }

    @Override
    public synchronized void createTags(List<String> names) throws JobException {
        for (String name : names) {
            if (name.length() > 200) {
                throw new JobException(Reason.BAD_VALUE, "A tag is too long");
            }
        }
        tags.addAll(names);
    }

    @Override
    public synchronized void deleteTags(List<String> names) {
        tags.removeAll(names);
        jobs.replaceAll((h, j) -> j.withTags(j.tags().stream().filter(t -> !names.contains(t)).toList(),
                j.updatedAt()));
    }

    static DownloadJob with(DownloadJob j, JobStatus status) {
        return j.withStatus(status, j.message(), j.updatedAt());
    }

    static DownloadJob progress(DownloadJob j, long downloaded, long total, double speed, Instant at) {
        return new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), j.season(), j.episode(),
                j.language(), j.magnetMetadata(), JobStatus.DOWNLOADING, downloaded, Optional.of(total), speed,
                j.message(), j.category(), j.tags(), j.savePath(), Optional.of(j.savePath() + "/" + j.name()
                        + ".mkv.part"), j.createdAt(), at, j.completedAt(), j.shareLimits(), j.queuePosition(),
                j.forceStart());
    }

    static DownloadJob completed(DownloadJob j, long total, Instant at) {
        return new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), j.season(), j.episode(),
                j.language(), j.magnetMetadata(), JobStatus.COMPLETED, total, Optional.of(total), 0, j.message(),
                j.category(), j.tags(), j.savePath(), Optional.of(j.savePath() + "/" + j.name() + ".mkv"),
                j.createdAt(), at, Optional.of(at), j.shareLimits(), j.queuePosition(), j.forceStart());
    }
}
