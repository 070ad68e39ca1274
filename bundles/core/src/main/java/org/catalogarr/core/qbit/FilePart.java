package org.catalogarr.core.qbit;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file sent in a multipart form, such as a .torrent in {@code torrents/add}.
 *
 * @param field the form field's name; clients differ ({@code torrents}, {@code file}), so it decides nothing
 * @param fileName the file name the client gave, possibly empty
 * @param content the file's bytes
 */
public record FilePart(String field, String fileName, byte[] content) {

    public FilePart {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(fileName, "fileName");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilePart p && field.equals(p.field) && fileName.equals(p.fileName)
                && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, fileName, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "FilePart[field=" + field + ", fileName=" + fileName + ", " + content.length + " bytes]";
    }
}
