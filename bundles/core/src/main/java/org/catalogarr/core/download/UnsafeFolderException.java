package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A download folder that no longer lies below the download root, typically because it (or a folder
 * above it) was replaced by a symbolic link after the job was added. Nothing is written or deleted
 * there, and trying again does not help.
 */
public final class UnsafeFolderException extends IOException {

    private static final long serialVersionUID = 1L;

    UnsafeFolderException(Path folder, Path root, Throwable cause) {
        super("The save folder " + folder + " now leads outside the download folder " + root
                + " (a symbolic link?); nothing is written or deleted there", cause);
    }
}
