package org.catalogarr.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a BitTorrent client reads from a .torrent file, done apart from Catalogarr's own code: the
 * infohash is the SHA-1 of the {@code info} value's bytes exactly as they stand in the file.
 */
public final class Torrents {

    private Torrents() {
    }

    /** @throws AssertionError when the bytes are no bencoded dictionary with an {@code info} key */
    public static String infohash(byte[] torrent) {
        try {
            if (torrent[0] != 'd') {
                throw new AssertionError("a torrent file is a bencoded dictionary");
            }
            int at = 1;
            while (torrent[at] != 'e') {
                int keyEnd = skip(torrent, at);
                String key = new String(torrent, at, keyEnd - at, StandardCharsets.ISO_8859_1);
                int valueEnd = skip(torrent, keyEnd);
                if (key.equals("4:info")) {
                    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                            .digest(Arrays.copyOfRange(torrent, keyEnd, valueEnd)));
                }
                at = valueEnd;
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new AssertionError("not bencoding: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-1", e);
        }
        throw new AssertionError("the torrent file has no info dictionary");
    }

    /** The offset just after the value that starts at {@code at}. */
    private static int skip(byte[] b, int at) {
        if (b[at] == 'i') {
            return indexOf(b, 'e', at) + 1;
        }
        if (b[at] == 'l' || b[at] == 'd') {
            int next = at + 1;
            while (b[next] != 'e') {
                next = skip(b, next);
            }
            return next + 1;
        }
        int colon = indexOf(b, ':', at);
        return colon + 1 + Integer.parseInt(new String(b, at, colon - at, StandardCharsets.US_ASCII));
    }

    private static int indexOf(byte[] b, char c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new ArrayIndexOutOfBoundsException("no '" + c + "' after offset " + from);
    }
}
