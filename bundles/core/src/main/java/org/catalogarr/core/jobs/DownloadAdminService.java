package org.catalogarr.core.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.DownloadAdmin;
import org.catalogarr.core.admin.DownloadRow;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The console's view of the jobs. Unlike the qBittorrent API, which ignores unknown hashes, it says so. */
@Component(service = DownloadAdmin.class)
public class DownloadAdminService implements DownloadAdmin {

    private final Jobs jobs;

    @Activate
    public DownloadAdminService(@Reference Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<DownloadRow> downloads() {
        return jobs.all().stream().map(this::row).toList();
    }

    private DownloadRow row(DownloadJob job) {
        Optional<Instant> retryAt = job.status() == JobStatus.QUEUED ? jobs.retryAt(job.infoHash()) : Optional.empty();
        String state = retryAt.isPresent() ? "retrying" : job.status().code();
        return new DownloadRow(job.infoHash(), job.name(), job.sourceSite(), job.language().code(), state,
                job.progress(), job.bytesPerSecond(), job.downloadedBytes(),
                job.totalBytes().map(OptionalLong::of).orElse(OptionalLong.empty()), job.category(), job.message(),
                job.createdAt(), retryAt, eta(job));
    }

    /** Seconds left at the current speed; unknown without a size or while nothing moves. */
    static OptionalLong eta(DownloadJob job) {
        if (job.status() != JobStatus.DOWNLOADING || job.bytesPerSecond() <= 0 || job.totalBytes().isEmpty()) {
            return OptionalLong.empty();
        }
        long left = Math.max(0, job.totalBytes().get() - job.downloadedBytes());
        return OptionalLong.of((long) Math.ceil(left / job.bytesPerSecond()));
    }

    @Override
    public void pause(String hash) throws AdminException {
        jobs.pause(known(hash));
    }

    @Override
    public void resume(String hash) throws AdminException {
        jobs.resume(known(hash));
    }

    @Override
    public void retry(String hash) throws AdminException {
        DownloadJob job = job(hash);
        boolean waiting = job.status() == JobStatus.QUEUED && jobs.retryAt(job.infoHash()).isPresent();
        if (!waiting && job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
            throw new AdminException(Reason.CONFLICT, "Download " + job.name() + " is " + job.status().code()
                    + "; only a failed download or one waiting to retry can be retried.");
        }
        jobs.retryNow(List.of(job.infoHash()));
    }

    @Override
    public void delete(String hash, boolean withFiles) throws AdminException {
        jobs.delete(known(hash), withFiles);
    }

    @Override
    public void topPriority(String hash) throws AdminException {
        jobs.move(known(hash), QueueMove.TOP);
    }

    private DownloadJob job(String hash) throws AdminException {
        return jobs.byHash(hash).orElseThrow(() -> new AdminException(Reason.NOT_FOUND, "There is no download " + hash
                + "."));
    }

    private List<String> known(String hash) throws AdminException {
        return List.of(job(hash).infoHash());
    }
}
