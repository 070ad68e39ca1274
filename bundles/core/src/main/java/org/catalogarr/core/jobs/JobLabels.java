package org.catalogarr.core.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.store.Columns;
import org.catalogarr.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qBittorrent categories and tags of the jobs: which exist, which a job has, what a category's folder
 * is. Each change is written to the store first, then shown on the running jobs ({@link LiveJobs}). The
 * caller ({@link JobService}) finds the jobs and holds the lock.
 */
final class JobLabels {

    private static final Logger LOG = LoggerFactory.getLogger(JobLabels.class);

    private final JobStore store;
    private final LiveJobs live;
    private final DownloadRoot root;
    private final Supplier<List<DownloadJob>> jobs;

    JobLabels(JobStore store, LiveJobs live, DownloadRoot root, Supplier<List<DownloadJob>> jobs) {
        this.store = store;
        this.live = live;
        this.root = root;
        this.jobs = jobs;
    }

    Map<String, String> categories() {
        return store.categories();
    }

    /** Refuses a category that was not created first, as qBittorrent does; empty is no category. */
    void checkCategory(String category) throws JobException {
        if (!category.isEmpty() && !categories().containsKey(category)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Unknown category " + JobValues.quoted(category));
        }
    }

    void setCategory(List<DownloadJob> found, String category) throws JobException {
        checkCategory(category);
        for (DownloadJob job : found) {
            store.updateCategory(job.id(), category, Instant.now());
            live.change(job.id(), current -> current.withCategory(category, Instant.now()));
        }
    }

    void createCategory(String name, String savePath) throws JobException {
        saveCategory(JobValues.categoryName(name == null ? null : name.strip()), savePath);
    }

    void editCategory(String name, String savePath) throws JobException {
        if (!categories().containsKey(name)) {
            throw new JobException(JobException.Reason.BAD_CATEGORY, "Unknown category " + JobValues.quoted(name));
        }
        saveCategory(name, savePath);
    }

    /** A category's folder is kept relative to the download root, which may move. */
    private void saveCategory(String name, String savePath) throws JobException {
        String wanted = savePath == null || savePath.isBlank() ? name : savePath;
        JobValues.savePath(wanted);
        String relative = root.path().relativize(root.folder(wanted)).toString();
        JobValues.savePath(relative);
        store.saveCategory(name, relative);
    }

    void removeCategories(Collection<String> names) {
        names.forEach(store::deleteCategory);
    }

    List<String> tags() {
        TreeSet<String> tags = new TreeSet<>(store.tags());
        // Databases from before tags were kept on their own have them on the jobs only.
        jobs.get().forEach(job -> tags.addAll(job.tags()));
        return List.copyOf(tags);
    }

    /** Keeps the names of a new job's tags, so that they are listed once the job is gone. */
    void remember(List<String> tags) {
        store.saveTags(names(tags));
    }

    void addTags(List<DownloadJob> found, List<String> tags) throws JobException {
        List<String> wanted = names(tags);
        JobValues.tags(wanted);
        if (!found.isEmpty()) {
            store.saveTags(wanted);
        }
        for (DownloadJob job : found) {
            List<String> merged = new ArrayList<>(job.tags());
            wanted.stream().filter(t -> !merged.contains(t)).forEach(merged::add);
            JobValues.tags(merged);
            saveTags(job, merged);
        }
    }

    /** No names: every tag of the jobs goes, as in qBittorrent. */
    void removeTags(List<DownloadJob> found, List<String> tags) {
        for (DownloadJob job : found) {
            List<String> kept = tags.isEmpty() ? List.of()
                    : job.tags().stream().filter(t -> !tags.contains(t)).toList();
            saveTags(job, kept);
        }
    }

    void createTags(List<String> tags) throws JobException {
        List<String> wanted = names(tags);
        for (String tag : wanted) {
            JobValues.tag(tag);
        }
        store.saveTags(wanted);
    }

    void deleteTags(List<String> names) {
        List<String> tags = names(names);
        Instant now = Instant.now();
        for (String id : store.deleteTags(tags, now)) {
            live.change(id, current -> current.withTags(
                    current.tags().stream().filter(t -> !tags.contains(t)).toList(), now));
        }
        LOG.info("Tags deleted: {}", Columns.cut(String.join(", ", tags), 200));
    }

    private void saveTags(DownloadJob job, List<String> tags) {
        Instant now = Instant.now();
        store.updateTags(job.id(), tags, now);
        live.change(job.id(), current -> current.withTags(tags, now));
    }

    /** Tag names as qBittorrent takes them: trimmed, empty ones dropped, each once. */
    private static List<String> names(List<String> tags) {
        return tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
    }
}
