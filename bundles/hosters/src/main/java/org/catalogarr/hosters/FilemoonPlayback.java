package org.catalogarr.hosters;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the {@code playback} object of Filemoon's {@code /api/videos/{code}} answer: the key is the
 * concatenation of the base64url {@code key_parts}, the {@code payload} is AES-256-GCM with its 16-byte tag
 * at the end, and the plain text is JSON naming the media in {@code sources[{url,height}]} or in
 * {@code source}/{@code file}. A second {@code payload2}/{@code iv2} pair is tried when the first does not
 * decrypt, as the player does.
 */
final class FilemoonPlayback {

    static final int TAG_BITS = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why the playback object names no media, naming the step that failed. */
    static final class PlaybackException extends Exception {

        private static final long serialVersionUID = 1L;

        PlaybackException(String message) {
            super(message);
        }
    }

    private FilemoonPlayback() {
    }

    /** The media URL the playback object stands for, resolved against the API URL. */
    static URI mediaUrl(JsonNode playback, URI base) throws PlaybackException {
        return bestSource(object(decrypt(playback)), base);
    }

    /** The plain text of the payload, or of {@code payload2} when only that one decrypts. */
    static String decrypt(JsonNode playback) throws PlaybackException {
        byte[] key = key(playback.path("key_parts"));
        try {
            return decrypt(key, bytes(playback, "iv"), bytes(playback, "payload"));
        } catch (PlaybackException first) {
            if (!playback.hasNonNull("payload2")) {
                throw first;
            }
            try {
                return decrypt(key, bytes(playback, "iv2"), bytes(playback, "payload2"));
            } catch (PlaybackException second) {
                throw new PlaybackException(first.getMessage() + "; payload2: " + second.getMessage());
            }
        }
    }

    static String decrypt(byte[] key, byte[] iv, byte[] payload) throws PlaybackException {
        if (payload.length <= TAG_BITS / 8) {
            throw new PlaybackException("the payload is " + payload.length + " bytes, too short for the GCM tag");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            return new String(cipher.doFinal(payload), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PlaybackException("AES-GCM decryption failed: the tag does not match (other key parts, or the"
                    + " payload was changed)");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PlaybackException("AES-GCM decryption failed: " + e.getMessage());
        }
    }

    /** The URL of the highest source, else {@code source} or {@code file}. */
    static URI bestSource(JsonNode media, URI base) throws PlaybackException {
        String best = null;
        int bestHeight = Integer.MIN_VALUE;
        for (JsonNode source : media.path("sources")) {
            String url = source.isTextual() ? source.textValue() : firstText(source, "url", "file", "src");
            int height = source.path("height").asInt(0);
            if (!url.isBlank() && (best == null || height > bestHeight)) {
                best = url;
                bestHeight = height;
            }
        }
        String url = best != null ? best : firstText(media, "source", "file");
        if (url.isBlank()) {
            throw new PlaybackException("the decrypted playback names no media (no sources[].url, source or file)");
        }
        return httpUrl(url, base);
    }

    private static JsonNode object(String text) throws PlaybackException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw new PlaybackException("the decrypted playback is not JSON: " + e.getOriginalMessage());
        }
        throw new PlaybackException("the decrypted playback is not a JSON object");
    }

    private static byte[] key(JsonNode parts) throws PlaybackException {
        if (!parts.isArray() || parts.isEmpty()) {
            throw new PlaybackException("the playback has no key_parts");
        }
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (JsonNode part : parts) {
            key.writeBytes(base64Url("key_parts", part.asText("")));
        }
        if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
            throw new PlaybackException("the key_parts make a key of " + key.size() + " bytes, no AES key");
        }
        return key.toByteArray();
    }

    private static byte[] bytes(JsonNode playback, String field) throws PlaybackException {
        String value = playback.path(field).asText("");
        if (value.isBlank()) {
            throw new PlaybackException("the playback has no " + field);
        }
        return base64Url(field, value);
    }

    /** Base64url without padding as the API sends it; standard base64 too, should it switch. */
    private static byte[] base64Url(String field, String value) throws PlaybackException {
        try {
            return Base64.getUrlDecoder().decode(value.strip().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new PlaybackException("the playback's " + field + " is not base64url: " + e.getMessage());
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = node.path(field).asText("");
            if (!value.isBlank()) {
                return value.strip();
            }
        }
        return "";
    }

    /** An absolute http(s) URL, as a player script writes it (perhaps JSON-escaped, perhaps relative). */
    static URI httpUrl(String raw, URI base) throws PlaybackException {
        URI url;
        try {
            url = base.resolve(new URI(raw.strip().replace("\\/", "/")));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PlaybackException("no valid media URL: " + raw);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new PlaybackException("no http(s) media URL: " + raw);
        }
        return url;
    }
}
