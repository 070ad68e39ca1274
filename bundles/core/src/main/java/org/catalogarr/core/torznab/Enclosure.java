package org.catalogarr.core.torznab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the enclosure link of a feed item answers; the item's infohash is the same either way. */
enum Enclosure {

    /** A 302 to the item's magnet: Prowlarr passes the redirect on to Sonarr, which adds the magnet. */
    MAGNET,
    /** The item's .torrent file, for clients that add torrent files. */
    TORRENT;

    /** The configuration value, such as {@code magnet}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the values there are */
    static Enclosure parse(String value) {
        String wanted = value.strip();
        return Arrays.stream(values()).filter(e -> e.value().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("enclosure must be one of " + Arrays.stream(values())
                        .map(Enclosure::value).collect(Collectors.joining(", ")) + ", not '" + value + "'"));
    }
}
