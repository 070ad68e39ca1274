package org.catalogarr.core.torrent;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The infohash of a magnet's {@code xt=urn:btih:}, which BEP 9 allows as 40 hex digits or as 32
 * base32 characters (RFC 4648, as Sonarr's own tests send it), both in any case.
 */
final class Btih {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{32}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Btih() {
    }

    /** The hash as 40 lowercase hex digits; empty for anything but 40 hex or 32 base32 characters. */
    static Optional<String> hex(String btih) {
        if (HEX.matcher(btih).matches()) {
            return Optional.of(btih.toLowerCase(Locale.ROOT));
        }
        if (!BASE32.matcher(btih).matches()) {
            return Optional.empty();
        }
        // 32 characters of 5 bits are exactly the 160 bits of a SHA-1, so there is no padding to handle.
        byte[] hash = new byte[20];
        long buffer = 0;
        int bits = 0;
        int out = 0;
        for (char c : btih.toUpperCase(Locale.ROOT).toCharArray()) {
            buffer = (buffer << 5) | ALPHABET.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                hash[out++] = (byte) (buffer >>> bits);
            }
        }
        return Optional.of(HexFormat.of().formatHex(hash));
    }
}
