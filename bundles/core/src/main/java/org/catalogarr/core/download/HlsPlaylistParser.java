package org.catalogarr.core.download;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of an HLS playlist (RFC 8216). Refuses what the downloader cannot honour (SAMPLE-AES,
 * key formats other than a plain key, byte ranges) with a message that says so, rather than producing
 * a file that does not play.
 */
final class HlsPlaylistParser {

    /** A film of two hours in one-second segments has 7,200; far more is a hostile or broken playlist. */
    static final int MAX_SEGMENTS = 50_000;
    /** Hosters offer a handful of qualities. */
    static final int MAX_VARIANTS = 1_000;

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([A-Z0-9-]+)=(\"[^\"\\r\\n]*\"|[^\",\\s]*)\\s*(,|$)");
    private static final Pattern RESOLUTION = Pattern.compile("(\\d{1,6})x(\\d{1,6})");
    private static final Pattern IV = Pattern.compile("0[xX]([0-9a-fA-F]{1,32})");

    private HlsPlaylistParser() {
    }

    /**
     * @param location where the playlist was fetched, for resolving relative URIs
     * @throws UnusableMediaException when the text is no playlist or asks for something unsupported
     */
    static HlsPlaylist parse(URI location, String text) throws UnusableMediaException {
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\r?\\n|\\r");
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length || !lines[first].strip().equals("#EXTM3U")) {
            throw new UnusableMediaException("not an HLS playlist (no #EXTM3U header): " + location);
        }
        for (String line : lines) {
            if (line.strip().startsWith("#EXT-X-STREAM-INF:")) {
                return master(location, lines);
            }
        }
        return media(location, lines);
    }

    private static HlsPlaylist.Master master(URI location, String[] lines) throws UnusableMediaException {
        List<HlsPlaylist.Variant> variants = new ArrayList<>();
        Map<String, URI> audio = new HashMap<>();
        Map<String, String> pending = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pending = attributes(location, line.substring("#EXT-X-STREAM-INF:".length()));
            } else if (line.startsWith("#EXT-X-MEDIA:")) {
                separateAudio(location, attributes(location, line.substring("#EXT-X-MEDIA:".length())), audio);
            } else if (!line.isEmpty() && !line.startsWith("#") && pending != null) {
                variants.add(variant(location, line, pending));
                pending = null;
            }
            if (variants.size() > MAX_VARIANTS) {
                throw new UnusableMediaException("master playlist " + location + " lists more than " + MAX_VARIANTS
                        + " variants");
            }
        }
        if (variants.isEmpty()) {
            throw new UnusableMediaException("master playlist " + location + " names no variant URI");
        }
        return new HlsPlaylist.Master(variants, audio);
    }

    /**
     * Notes an audio rendition with a playlist of its own: the video variant alone would make a file without
     * sound, which Sonarr would import as if it were fine, so the audio is fetched and merged with it. Per group
     * the default rendition wins, else the first.
     */
    private static void separateAudio(URI location, Map<String, String> media, Map<String, URI> audio)
            throws UnusableMediaException {
        if (!"AUDIO".equals(media.get("TYPE")) || !media.containsKey("URI")) {
            return;
        }
        String group = media.getOrDefault("GROUP-ID", "");
        if (!audio.containsKey(group) || "YES".equals(media.get("DEFAULT"))) {
            audio.put(group, resolve(location, media.get("URI")));
        }
    }

    private static HlsPlaylist.Variant variant(URI location, String uri, Map<String, String> attributes)
            throws UnusableMediaException {
        long bandwidth = number(location, "BANDWIDTH", attributes.getOrDefault("BANDWIDTH", "0"));
        int width = 0;
        int height = 0;
        String resolution = attributes.get("RESOLUTION");
        if (resolution != null) {
            Matcher match = RESOLUTION.matcher(resolution);
            if (!match.matches()) {
                throw new UnusableMediaException("master playlist " + location + " has RESOLUTION '" + resolution
                        + "', expected WIDTHxHEIGHT");
            }
            width = Integer.parseInt(match.group(1));
            height = Integer.parseInt(match.group(2));
        }
        return new HlsPlaylist.Variant(resolve(location, uri), bandwidth, width, height,
                attributes.getOrDefault("AUDIO", ""));
    }

    private static HlsPlaylist.Media media(URI location, String[] lines) throws UnusableMediaException {
        List<HlsPlaylist.Segment> segments = new ArrayList<>();
        long sequence = 0;
        Map<String, String> key = null;
        URI map = null;
        boolean inf = false;
        boolean ended = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                if (!segments.isEmpty()) {
                    throw new UnusableMediaException("media playlist " + location + " sets its media sequence after"
                            + " the first segment");
                }
                sequence = number(location, "EXT-X-MEDIA-SEQUENCE", line.substring("#EXT-X-MEDIA-SEQUENCE:".length()));
            } else if (line.startsWith("#EXT-X-KEY:")) {
                key = key(location, attributes(location, line.substring("#EXT-X-KEY:".length())));
            } else if (line.startsWith("#EXT-X-MAP:")) {
                map = map(location, map, attributes(location, line.substring("#EXT-X-MAP:".length())));
            } else if (line.startsWith("#EXT-X-BYTERANGE")) {
                throw new UnusableMediaException("media playlist " + location + " uses byte-range segments, which are"
                        + " not supported");
            } else if (line.startsWith("#EXTINF:")) {
                inf = true;
            } else if (line.equals("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                if (!inf) {
                    throw new UnusableMediaException("media playlist " + location + " lists '" + line
                            + "' without #EXTINF before it");
                }
                if (segments.size() == MAX_SEGMENTS) {
                    throw new UnusableMediaException("media playlist " + location + " has more than " + MAX_SEGMENTS
                            + " segments");
                }
                long number = sequence + segments.size();
                Optional<HlsPlaylist.Key> segmentKey = key == null ? Optional.empty()
                        : Optional.of(new HlsPlaylist.Key(resolve(location, key.get("URI")), iv(key, number)));
                segments.add(new HlsPlaylist.Segment(resolve(location, line), number, segmentKey));
                inf = false;
            }
        }
        if (segments.isEmpty()) {
            throw new UnusableMediaException("media playlist " + location + " has no segments");
        }
        return new HlsPlaylist.Media(segments, Optional.ofNullable(map), ended);
    }

    /** The attributes of an AES-128 key, or null when the following segments are not encrypted. */
    private static Map<String, String> key(URI location, Map<String, String> attributes) throws UnusableMediaException {
        String method = attributes.getOrDefault("METHOD", "");
        if (method.equals("NONE")) {
            return null;
        }
        if (!method.equals("AES-128")) {
            throw new UnusableMediaException("media playlist " + location + " is encrypted with METHOD=" + method
                    + (method.startsWith("SAMPLE-AES") ? " (DRM-style sample encryption)" : "")
                    + "; only AES-128 is supported");
        }
        String format = attributes.getOrDefault("KEYFORMAT", "identity");
        if (!format.equals("identity")) {
            throw new UnusableMediaException("media playlist " + location + " has KEYFORMAT=" + format
                    + "; only the plain key (identity) is supported");
        }
        if (!attributes.containsKey("URI")) {
            throw new UnusableMediaException("media playlist " + location + " has an AES-128 key without URI");
        }
        if (attributes.containsKey("IV") && !IV.matcher(attributes.get("IV")).matches()) {
            throw new UnusableMediaException("media playlist " + location + " has IV '" + attributes.get("IV")
                    + "', expected 0x and up to 32 hex digits");
        }
        return attributes;
    }

    /** The explicit IV, or else the segment's sequence number as 16 bytes big-endian (RFC 8216, 5.2). */
    private static byte[] iv(Map<String, String> key, long sequence) {
        String explicit = key.get("IV");
        BigInteger value = explicit == null ? BigInteger.valueOf(sequence) : new BigInteger(explicit.substring(2), 16);
        byte[] bytes = value.toByteArray();
        byte[] iv = new byte[16];
        int length = Math.min(bytes.length, 16);
        System.arraycopy(bytes, bytes.length - length, iv, 16 - length, length);
        return iv;
    }

    private static URI map(URI location, URI previous, Map<String, String> attributes) throws UnusableMediaException {
        if (!attributes.containsKey("URI")) {
            throw new UnusableMediaException("media playlist " + location + " has #EXT-X-MAP without URI");
        }
        if (attributes.containsKey("BYTERANGE")) {
            throw new UnusableMediaException("media playlist " + location + " has a byte-range #EXT-X-MAP, which is not"
                    + " supported");
        }
        URI map = resolve(location, attributes.get("URI"));
        if (previous != null && !previous.equals(map)) {
            // One file can start with only one initialisation section.
            throw new UnusableMediaException("media playlist " + location + " switches its #EXT-X-MAP mid-stream");
        }
        return map;
    }

    /** An attribute list; quoted values lose their quotes. */
    private static Map<String, String> attributes(URI location, String list) throws UnusableMediaException {
        Map<String, String> attributes = new HashMap<>();
        Matcher match = ATTRIBUTE.matcher(list);
        int at = 0;
        while (at < list.length()) {
            if (!match.find(at) || match.start() != at) {
                throw new UnusableMediaException("playlist " + location + " has a malformed attribute list: " + list);
            }
            String value = match.group(2);
            if (value.length() >= 2 && value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            attributes.put(match.group(1).toUpperCase(Locale.ROOT), value);
            at = match.end();
            if (match.group(3).isEmpty()) {
                break;
            }
        }
        return attributes;
    }

    private static long number(URI location, String name, String value) throws UnusableMediaException {
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UnusableMediaException("playlist " + location + " has " + name + " '" + value
                    + "', expected a whole number");
        }
    }

    private static URI resolve(URI location, String reference) throws UnusableMediaException {
        try {
            URI uri = location.resolve(new URI(reference));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new UnusableMediaException("playlist " + location + " points at '" + reference
                        + "', which is no HTTP URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UnusableMediaException("playlist " + location + " has the malformed URI '" + reference + "'", e);
        }
    }
}
