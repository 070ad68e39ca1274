package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;

import org.catalogarr.hosters.FilemoonPlayback.PlaybackException;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

public class FilemoonPlaybackTest {

    /*
     * Made independently of Java, with Python's "cryptography" package (48.0.0):
     *   k1, k2 = bytes(range(0x00, 0x10)), bytes(range(0xf0, 0x100)); iv = bytes.fromhex("cafebabefacedbaddecaf888")
     *   AESGCM(k1 + k2).encrypt(iv, PLAIN.encode(), None), every value base64url without padding.
     */
    private static final String KEY_PART_1 = "AAECAwQFBgcICQoLDA0ODw";
    private static final String KEY_PART_2 = "8PHy8_T19vf4-fr7_P3-_w";
    private static final String IV = "yv66vvrO263eyviI";
    private static final String PAYLOAD = "bSPn1jMsjA8_1_hKwJ6opP6iOd3IAv5YoGWdh2QigZ0gD9ltucPJvHlYtflHKBix7HQU0TOoBr8Ciq"
            + "BOH_p9s4p78fMftR3iIlKnttkW1MzadLFzBGDcSH200SZiG-GyyQpiNTxWtopJmQ8JFM6D4SXE934Enx2LLy4oH8ZNr2a3yNol-MZ4sgok"
            + "q98ptpeKyXd3McMwc_z_mmykppwwu1XgSzqillYdsKZq3rlidLekKSITvcGf2y2SMbP09cH2EN2tFPgqjpSP-3z0L_Ot";
    private static final String PLAIN = "{\"sources\":[{\"url\":\"https://cdn.example/hls/x/360.m3u8\",\"height\":360},"
            + "{\"url\":\"https://cdn.example/hls/x/master.m3u8\",\"height\":1080},"
            + "{\"url\":\"https://cdn.example/hls/x/720.m3u8\",\"height\":720}]}";
    private static final URI API = URI.create("https://filemoon.example/api/videos/x");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode playback() {
        ObjectNode playback = JSON.createObjectNode();
        playback.putArray("key_parts").add(KEY_PART_1).add(KEY_PART_2);
        playback.put("iv", IV);
        playback.put("payload", PAYLOAD);
        return playback;
    }

    /** The payload with a byte of its GCM tag changed (not the last character, whose low bits may be padding). */
    private static String tampered() {
        int at = PAYLOAD.length() - 5;
        return PAYLOAD.substring(0, at) + (PAYLOAD.charAt(at) == 'A' ? 'B' : 'A') + PAYLOAD.substring(at + 1);
    }

    @Test
    public void decryptsAVectorMadeWithPython() throws Exception {
        assertEquals(PLAIN, FilemoonPlayback.decrypt(playback()));
    }

    @Test
    public void takesTheHighestSource() throws Exception {
        assertEquals(URI.create("https://cdn.example/hls/x/master.m3u8"), FilemoonPlayback.mediaUrl(playback(), API));
    }

    @Test
    public void aChangedTagIsAClearError() {
        ObjectNode playback = playback().put("payload", tampered());

        PlaybackException failure = assertThrows(PlaybackException.class, () -> FilemoonPlayback.decrypt(playback));

        assertTrue(failure.getMessage(), failure.getMessage().contains("AES-GCM decryption failed: the tag does not match"));
    }

    @Test
    public void otherKeyPartsAreAClearError() {
        ObjectNode playback = playback();
        playback.putArray("key_parts").add(KEY_PART_2).add(KEY_PART_1);

        PlaybackException failure = assertThrows(PlaybackException.class, () -> FilemoonPlayback.decrypt(playback));

        assertTrue(failure.getMessage(), failure.getMessage().contains("the tag does not match"));
    }

    @Test
    public void triesTheSecondPayloadWhenTheFirstFails() throws Exception {
        ObjectNode playback = playback().put("payload", tampered()).put("iv2", IV).put("payload2", PAYLOAD);

        assertEquals(PLAIN, FilemoonPlayback.decrypt(playback));
    }

    @Test
    public void reportsBothPayloadsWhenNeitherDecrypts() {
        ObjectNode playback = playback().put("payload", tampered()).put("iv2", IV).put("payload2", "AAAA");

        PlaybackException failure = assertThrows(PlaybackException.class, () -> FilemoonPlayback.decrypt(playback));

        assertTrue(failure.getMessage(), failure.getMessage().startsWith("AES-GCM decryption failed: the tag does not match"));
        assertTrue(failure.getMessage(), failure.getMessage().endsWith("; payload2: the payload is 3 bytes, too short for the GCM tag"));
    }

    @Test
    public void missingOrBrokenFieldsAreNamed() {
        assertDecryptFails(playback().putNull("key_parts"), "the playback has no key_parts");
        ObjectNode shortKey = playback();
        shortKey.putArray("key_parts").add(KEY_PART_1).add("AAEC");
        assertDecryptFails(shortKey, "a key of 19 bytes, no AES key");
        assertDecryptFails(playback().put("iv", ""), "the playback has no iv");
        assertDecryptFails(playback().put("payload", "b!d"), "the playback's payload is not base64url");
    }

    @Test
    public void readsSourceOrFileWithoutASourceList() throws Exception {
        assertEquals(URI.create("https://cdn.example/a.m3u8"),
                FilemoonPlayback.bestSource(json("{\"source\":\"https:\\/\\/cdn.example\\/a.m3u8\"}"), API));
        assertEquals(URI.create("https://filemoon.example/hls/b.m3u8"),
                FilemoonPlayback.bestSource(json("{\"sources\":[],\"file\":\"/hls/b.m3u8\"}"), API));
        assertEquals(URI.create("https://cdn.example/c.m3u8"),
                FilemoonPlayback.bestSource(json("{\"sources\":[\"https://cdn.example/c.m3u8\"]}"), API));
    }

    @Test
    public void noUsableMediaIsAClearError() {
        PlaybackException none = assertThrows(PlaybackException.class,
                () -> FilemoonPlayback.bestSource(json("{\"sources\":[{\"height\":720}]}"), API));
        assertTrue(none.getMessage(), none.getMessage().contains("names no media"));
        PlaybackException notHttp = assertThrows(PlaybackException.class,
                () -> FilemoonPlayback.bestSource(json("{\"file\":\"javascript:alert(1)\"}"), API));
        assertTrue(notHttp.getMessage(), notHttp.getMessage().contains("no http(s) media URL"));
    }

    private static void assertDecryptFails(JsonNode playback, String reason) {
        PlaybackException failure = assertThrows(PlaybackException.class, () -> FilemoonPlayback.decrypt(playback));
        assertTrue(failure.getMessage(), failure.getMessage().contains(reason));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
