package org.catalogarr.core.jobs;

import java.util.List;
import java.util.OptionalLong;

import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.DownloadAdmin;
import org.catalogarr.core.admin.DownloadRow;
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
        return jobs.all().stream().map(DownloadAdminService::row).toList();
    }

    private static DownloadRow row(DownloadJob job) {
        return new DownloadRow(job.infoHash(), job.name(), job.sourceSite(), job.language().code(), job.status().code(),
                job.progress(), job.bytesPerSecond(), job.downloadedBytes(),
                job.totalBytes().map(OptionalLong::of).orElse(OptionalLong.empty()), job.category(), job.message());
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
    public void delete(String hash, boolean withFiles) throws AdminException {
        jobs.delete(known(hash), withFiles);
    }

    @Override
    public void topPriority(String hash) throws AdminException {
        jobs.move(known(hash), QueueMove.TOP);
    }

    private List<String> known(String hash) throws AdminException {
        return List.of(jobs.byHash(hash).map(DownloadJob::infoHash)
                .orElseThrow(() -> new AdminException(Reason.NOT_FOUND, "there is no download " + hash)));
    }
}
