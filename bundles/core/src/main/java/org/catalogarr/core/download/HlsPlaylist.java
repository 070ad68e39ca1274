package org.catalogarr.core.download;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An HLS playlist (RFC 8216) as far as downloading a video-on-demand episode needs it. */
sealed interface HlsPlaylist permits HlsPlaylist.Master, HlsPlaylist.Media {

    /**
     * A master playlist: the same video in several qualities.
     *
     * @param audio the audio playlist of each audio group that keeps its sound in a rendition of its own
     *     (its default rendition, else its first), by GROUP-ID
     */
    record Master(List<Variant> variants, Map<String, URI> audio) implements HlsPlaylist {

        private static final Comparator<Variant> QUALITY = Comparator.comparingLong(Variant::bandwidth)
                .thenComparingLong(Variant::pixels);

        public Master {
            if (variants.isEmpty()) {
                throw new IllegalArgumentException("a master playlist needs at least one variant");
            }
            variants = List.copyOf(variants);
            audio = Map.copyOf(audio);
        }

        /** The separate audio playlist the variant plays with, if its sound is not inside its own segments. */
        Optional<URI> audioOf(Variant variant) {
            return Optional.ofNullable(audio.get(variant.audioGroup()));
        }

        /** The variant with the highest bandwidth, between equals the one with the most pixels; the first of ties. */
        Variant best() {
            Variant best = variants.get(0);
            for (Variant variant : variants) {
                if (QUALITY.compare(variant, best) > 0) {
                    best = variant;
                }
            }
            return best;
        }
    }

    /**
     * One quality of a master playlist.
     *
     * @param uri its media playlist, absolute
     * @param bandwidth bits per second, 0 when the playlist does not say
     * @param width pixels, 0 when the playlist does not say
     * @param height pixels, 0 when the playlist does not say
     * @param audioGroup the GROUP-ID of its audio renditions, "" when it names none
     */
    record Variant(URI uri, long bandwidth, int width, int height, String audioGroup) {

        public Variant {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(audioGroup, "audioGroup");
        }

        long pixels() {
            return (long) width * height;
        }
    }

    /**
     * A media playlist: the segments of one quality, in playing order.
     *
     * @param segments at least one
     * @param map the fragmented-MP4 initialisation section that precedes every segment, if any
     * @param ended whether {@code #EXT-X-ENDLIST} closes the playlist; without it the stream is live
     */
    record Media(List<Segment> segments, Optional<URI> map, boolean ended) implements HlsPlaylist {

        public Media {
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("a media playlist needs at least one segment");
            }
            segments = List.copyOf(segments);
            Objects.requireNonNull(map, "map");
        }
    }

    /**
     * One segment of a media playlist.
     *
     * @param uri absolute, with its own query (CDN tokens) kept
     * @param sequence its media sequence number
     * @param key how it is encrypted with AES-128, or empty when it is not
     */
    record Segment(URI uri, long sequence, Optional<Key> key) {

        public Segment {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * An AES-128 (CBC, PKCS#7 padding) key of a segment.
     *
     * @param uri where the 16 key bytes are
     * @param iv the 16-byte initialisation vector, explicit or derived from the segment's sequence number
     */
    record Key(URI uri, byte[] iv) {

        public Key {
            Objects.requireNonNull(uri, "uri");
            if (iv.length != 16) {
                throw new IllegalArgumentException("an AES-128 IV has 16 bytes, not " + iv.length);
            }
            iv = iv.clone();
        }

        @Override
        public byte[] iv() {
            return iv.clone();
        }
    }
}
