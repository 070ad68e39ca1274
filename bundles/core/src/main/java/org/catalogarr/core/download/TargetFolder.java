package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder a download writes into and the download root it has to stay below. The save path was
 * checked when the job was added, but the folder can be swapped for a symbolic link to {@code /etc} or a
 * home folder afterwards, so it is checked again, on its real path, right before each write that goes
 * through its name: opening the part file, every checkpoint, the final rename.
 *
 * @param root the download root, as its real path
 * @param path the folder, below the root
 */
public record TargetFolder(Path root, Path path) {

    public TargetFolder {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The folder, if its real path — every symbolic link of the parts that exist resolved — still lies
     * below the root; parts that do not exist yet cannot lead elsewhere.
     *
     * @throws UnsafeFolderException when it leads outside the root (or a link in it leads nowhere)
     */
    public Path checked() throws UnsafeFolderException {
        Path wanted = path.toAbsolutePath().normalize();
        Path existing = wanted;
        // NOFOLLOW: a link that points nowhere exists as a link, and is checked rather than walked past.
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && wanted.startsWith(root) && existing.toRealPath().startsWith(root)) {
                return path;
            }
        } catch (IOException e) {
            throw new UnsafeFolderException(path, root, e);
        }
        throw new UnsafeFolderException(path, root, null);
    }
}
