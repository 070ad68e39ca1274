package org.catalogarr.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The folder every download lives below. Save paths from clients are read relative to it; a path that
 * leads outside — through {@code ..}, an absolute path elsewhere or a symbolic link — is refused.
 */
public final class DownloadRoot {

    private final Path root;

    public DownloadRoot(Path root) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    public Path path() {
        return root;
    }

    /**
     * The folder a client's save path names, created if needed.
     *
     * @param savePath empty for the root itself; relative to the root, or absolute inside it
     * @throws JobException PATH_OUTSIDE_ROOT when it leads elsewhere
     */
    public Path folder(String savePath) throws JobException {
        Path wanted;
        try {
            Path given = Path.of(savePath.strip());
            wanted = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw outside(savePath);
        }
        if (!wanted.startsWith(root)) {
            throw outside(savePath);
        }
        try {
            // The nearest folder that exists is checked before anything is created, so that a link
            // inside the root cannot make us create folders elsewhere.
            Path existing = wanted;
            while (!Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (!existing.toRealPath().startsWith(root)) {
                throw outside(savePath);
            }
            Files.createDirectories(wanted);
            if (!wanted.toRealPath().startsWith(root)) {
                throw outside(savePath);
            }
        } catch (IOException e) {
            throw new JobException(JobException.Reason.PATH_OUTSIDE_ROOT,
                    "Save path " + JobValues.quoted(savePath) + " cannot be created below " + root + ": " + e.getMessage());
        }
        return wanted;
    }

    private JobException outside(String savePath) {
        return new JobException(JobException.Reason.PATH_OUTSIDE_ROOT,
                "Save path " + JobValues.quoted(savePath) + " is outside the download folder " + root);
    }
}
