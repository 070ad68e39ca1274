package org.catalogarr.core.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Lists the download jobs and steers them as the qBittorrent API would; jobs are named by their hash. */
@ProviderType
public interface DownloadAdmin {

    /** Every job, oldest first. */
    List<DownloadRow> downloads();

    void pause(String hash) throws AdminException;

    void resume(String hash) throws AdminException;

    /**
     * Tries the job again now: a failed or cancelled job is queued again from where it stopped, a job
     * waiting for its retry time takes the next free slot. Anything else is a
     * {@link AdminException.Reason#CONFLICT}.
     */
    void retry(String hash) throws AdminException;

    /** Removes the job; its files (finished and partial) only when {@code withFiles}. */
    void delete(String hash, boolean withFiles) throws AdminException;

    /** Puts the job first in the download queue. */
    void topPriority(String hash) throws AdminException;
}
