package org.catalogarr.hoster.api;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where a video's bytes are, and how to ask for them.
 *
 * @param uri the MP4 file or the HLS master playlist
 * @param headers what every request for the media (and, for HLS, its segments) must send, such as
 *        {@code Referer} and {@code User-Agent}; hosters refuse the media without them
 * @param kind how the media is delivered
 */
public record MediaSource(URI uri, Map<String, String> headers, Kind kind) {

    /** How the media is delivered. */
    public enum Kind {
        /** One file, fetched with HTTP ranges. */
        MP4,
        /** An HLS playlist of segments. */
        HLS
    }

    public MediaSource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(kind, "kind");
        headers = Map.copyOf(headers);
    }
}
