package org.catalogarr.core.qbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.jobs.DownloadJob;
import org.catalogarr.core.jobs.JobException;
import org.catalogarr.core.jobs.JobException.Reason;
import org.catalogarr.core.jobs.JobStatus;
import org.catalogarr.core.jobs.Jobs;

/**
 * Jobs in memory, following the {@link Jobs} contract: only magnets whose {@code dn} starts with
 * "Catalogarr:" are ours, categories must exist, save paths must stay below {@value #ROOT}.
 */
final class FakeJobs implements Jobs {

    static final String ROOT = "/downloads";
    private static final Pattern BTIH = Pattern.compile("xt=urn:btih:([0-9a-fA-F]{40})");
    private static final Pattern DN = Pattern.compile("dn=([^&]*)");

    private final Map<String, DownloadJob> jobs = new LinkedHashMap<>();
    private final Map<String, String> categories = new TreeMap<>();
    final List<String> deletedWithFiles = new ArrayList<>();
    final List<String> deletedKeepingFiles = new ArrayList<>();
    /** Makes every new category name invalid, as a stricter job service might judge it. */
    volatile boolean refuseCategoryNames;
    private final Instant created;
    private int ids;

    FakeJobs(Instant created) {
        this.created = created;
    }

    static String magnet(String hash, String name) {
        return "magnet:?xt=urn:btih:" + hash + "&dn=Catalogarr:" + name + "&tr=udp%3A%2F%2Ftracker";
    }

    @Override
    public synchronized DownloadJob add(String magnet, String category, String savePath, boolean paused,
            List<String> tags) throws JobException {
        Matcher hash = BTIH.matcher(magnet);
        Matcher dn = DN.matcher(magnet);
        if (!magnet.startsWith("magnet:?") || !hash.find() || !dn.find() || !dn.group(1).startsWith("Catalogarr:")) {
            throw new JobException(Reason.NOT_OUR_MAGNET, "Not a Catalogarr magnet: " + magnet);
        }
        if (!category.isEmpty() && !categories.containsKey(category)) {
            throw new JobException(Reason.BAD_CATEGORY, "Unknown category " + category);
        }
        String folder = savePath.isEmpty() ? categoryPath(category) : checked(savePath);
        String h = hash.group(1).toLowerCase(Locale.ROOT);
        DownloadJob existing = jobs.get(h);
        if (existing != null) {
            return existing;
        }
        String name = dn.group(1).substring("Catalogarr:".length());
        DownloadJob job = new DownloadJob("job-" + ++ids, h, name, "sto", "series", 1, 2, Language.GERMAN_DUB,
                "{\"site\":\"sto\",\"slug\":\"series\"}", paused ? JobStatus.PAUSED : JobStatus.QUEUED, 0,
                Optional.empty(), 0, Optional.empty(), category, tags, folder, Optional.empty(), created, created,
                Optional.empty());
        jobs.put(h, job);
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
        hashes.forEach(h -> update(h, j -> new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(),
                j.season(), j.episode(), j.language(), j.magnetMetadata(), j.status(), j.downloadedBytes(),
                j.totalBytes(), j.bytesPerSecond(), j.message(), category, j.tags(), j.savePath(), j.filePath(),
                j.createdAt(), j.updatedAt(), j.completedAt())));
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
    public void addTags(Collection<String> hashes, List<String> tags) {
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

    static DownloadJob with(DownloadJob j, JobStatus status) {
        return new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), j.season(), j.episode(),
                j.language(), j.magnetMetadata(), status, j.downloadedBytes(), j.totalBytes(), j.bytesPerSecond(),
                j.message(), j.category(), j.tags(), j.savePath(), j.filePath(), j.createdAt(), j.updatedAt(),
                j.completedAt());
    }

    static DownloadJob progress(DownloadJob j, long downloaded, long total, double speed, Instant at) {
        return new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), j.season(), j.episode(),
                j.language(), j.magnetMetadata(), JobStatus.DOWNLOADING, downloaded, Optional.of(total), speed,
                j.message(), j.category(), j.tags(), j.savePath(), Optional.of(j.savePath() + "/" + j.name()
                        + ".mkv.part"), j.createdAt(), at, j.completedAt());
    }

    static DownloadJob completed(DownloadJob j, long total, Instant at) {
        return new DownloadJob(j.id(), j.infoHash(), j.name(), j.sourceSite(), j.slug(), j.season(), j.episode(),
                j.language(), j.magnetMetadata(), JobStatus.COMPLETED, total, Optional.of(total), 0, j.message(),
                j.category(), j.tags(), j.savePath(), Optional.of(j.savePath() + "/" + j.name() + ".mkv"),
                j.createdAt(), at, Optional.of(at));
    }
}
