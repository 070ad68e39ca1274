package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The picture size of an MP4 file from its first video track's header ({@code moov/trak/tkhd}), read from the
 * boxes' headers without loading the media: the release name promises a resolution, the file knows it.
 */
final class Mp4Resolution {

    /** Width and height in pixels; 0 and 0 when the file does not say. */
    record Size(int width, int height) {
        static final Size UNKNOWN = new Size(0, 0);
    }

    /** A movie header of a long film with many tracks stays far below this; a larger one is not read. */
    private static final long MAX_MOOV_BYTES = 32L * 1024 * 1024;

    private Mp4Resolution() {
    }

    /** The size of the first track with a picture, or {@link Size#UNKNOWN} when there is none or the file is no MP4. */
    static Size of(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            long end = in.size();
            while (position + 8 <= end) {
                Box box = Box.at(in, position, end);
                if (box == null) {
                    return Size.UNKNOWN;
                }
                if (box.type().equals("moov")) {
                    if (box.contentSize() > MAX_MOOV_BYTES) {
                        return Size.UNKNOWN;
                    }
                    ByteBuffer moov = ByteBuffer.allocate((int) box.contentSize());
                    while (moov.hasRemaining() && in.read(moov, box.contentStart() + moov.position()) > 0) {
                        // reads until the box is in memory or the file ends
                    }
                    return firstPicture(moov.flip());
                }
                position = box.end();
            }
            return Size.UNKNOWN;
        }
    }

    /** Walks moov's tracks for a tkhd with a width and height. */
    private static Size firstPicture(ByteBuffer moov) {
        while (moov.remaining() >= 8) {
            int start = moov.position();
            long size = Integer.toUnsignedLong(moov.getInt(start));
            String type = fourCc(moov, start + 4);
            if (size < 8 || size > moov.limit() - start) {
                return Size.UNKNOWN;
            }
            if (type.equals("trak")) {
                Size picture = firstPicture(moov.slice(start + 8, (int) size - 8));
                if (picture.width() > 0 && picture.height() > 0) {
                    return picture;
                }
            } else if (type.equals("tkhd") && size >= 92) {
                // Width and height are the header's last eight bytes, as 16.16 fixed-point numbers.
                int end = start + (int) size;
                return new Size(moov.getInt(end - 8) >>> 16, moov.getInt(end - 4) >>> 16);
            }
            moov.position(start + (int) size);
        }
        return Size.UNKNOWN;
    }

    private static String fourCc(ByteBuffer buffer, int at) {
        char[] type = new char[4];
        for (int i = 0; i < 4; i++) {
            type[i] = (char) (buffer.get(at + i) & 0xff);
        }
        return new String(type);
    }

    /** A top-level box: its type, where its content starts and where it ends. */
    private record Box(String type, long contentStart, long end) {

        long contentSize() {
            return end - contentStart;
        }

        /** The box whose header is at {@code position}, or null when the header makes no sense. */
        static Box at(FileChannel in, long position, long fileEnd) throws IOException {
            ByteBuffer header = ByteBuffer.allocate(16);
            in.read(header, position);
            if (header.position() < 8) {
                return null;
            }
            long size = Integer.toUnsignedLong(header.getInt(0));
            String type = fourCc(header, 4);
            long headerSize = 8;
            if (size == 1) {
                if (header.position() < 16) {
                    return null;
                }
                size = header.getLong(8);
                headerSize = 16;
            } else if (size == 0) {
                size = fileEnd - position;
            }
            if (size < headerSize || position + size > fileEnd) {
                return null;
            }
            return new Box(type, position + headerSize, position + size);
        }
    }
}
