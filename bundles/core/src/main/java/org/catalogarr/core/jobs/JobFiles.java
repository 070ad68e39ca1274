package org.catalogarr.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.catalogarr.core.download.DownloadEngine;
import org.catalogarr.core.download.DownloadRequest;
import org.catalogarr.core.download.TargetFolder;
import org.catalogarr.core.download.UnsafeFolderException;
import org.catalogarr.core.dto.DownloadJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a job left on disk, finished or partial. Each file's folder is checked on its real path
 * right before: a save folder swapped for a link to {@code /etc} or a home folder after the job was added
 * is not emptied.
 */
final class JobFiles {

    private static final Logger LOG = LoggerFactory.getLogger(JobFiles.class);

    private final DownloadEngine engine;

    JobFiles(DownloadEngine engine) {
        this.engine = engine;
    }

    /** @return how many files were deleted; files that could not be or must not be are logged */
    int delete(DownloadJob job, DownloadRequest request) {
        List<Path> files = new ArrayList<>();
        job.filePath().map(Path::of).ifPresent(files::add);
        try {
            files.addAll(engine.files(request));
        } catch (IllegalArgumentException unusableName) {
            LOG.debug("Job {} has no file name the engine could use: {}", job.id(), unusableName.getMessage());
        }
        int deleted = 0;
        for (Path file : files) {
            try {
                new TargetFolder(request.root(), file.toAbsolutePath().getParent()).checked();
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            } catch (UnsafeFolderException e) {
                LOG.warn("Not deleting {} of job {} ({}): {}", file, job.id(), job.name(), e.getMessage());
            } catch (IOException e) {
                LOG.warn("Could not delete {} of job {}: {}", file, job.id(), e.getMessage());
            }
        }
        return deleted;
    }
}
