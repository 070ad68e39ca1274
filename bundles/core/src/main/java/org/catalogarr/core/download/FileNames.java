package org.catalogarr.core.download;

import java.util.regex.Pattern;

/** Turns a release name into a file name every common file system (and an SMB share) accepts. */
final class FileNames {

    /** Path separators, control characters and what Windows shares refuse. */
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\\\x00-\\x1f\\x7f:*?\"<>|]");

    private FileNames() {
    }

    /**
     * The name with unsafe characters replaced by {@code _}, without leading dots (hidden files, and
     * no way to climb out of the folder) and without trailing dots or spaces (Windows drops them).
     *
     * @throws IllegalArgumentException when nothing usable is left
     */
    static String sanitise(String name) {
        String safe = UNSAFE.matcher(name).replaceAll("_").strip()
                .replaceFirst("^[.\\s]+", "")
                .replaceFirst("[.\\s]+$", "");
        if (safe.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' leaves no usable file name");
        }
        return safe;
    }
}
