package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.catalogarr.hosters.VoeDecoder.UndecodableException;
import org.catalogarr.testkit.VoeEncoder;
import org.junit.Test;

public class VoeDecoderTest {

    private static final String JSON = "{\"source\":\"https://cdn.example/hls/x/master.m3u8\",\"direct_access_allowed\":false}";

    private final VoeDecoder decoder = new VoeDecoder(VoeDecoder.DEFAULT_SEPARATORS);

    @Test
    public void decodesAStringEncodedByAnIndependentImplementationOfThePipeline() throws Exception {
        // Made with a few lines of Python following sites.md, one of each separator at fixed places, so that
        // a mistake shared by VoeEncoder and VoeDecoder (say, both shifting the wrong way) cannot pass.
        String encoded = "DQAoK@$K17Jykjp^^21Zoyx1M~@3y7FzIeCQ%?EzsIx1KT1WAIfm*~HIcqsT9XKJk6o!!Rj3JQMDqmufMz9#&IAz"
                + "MeAQICAmk8MaMeAH9ir0czq0yXnT84oTIhHGICrKW9MacIF2qlGJkFoSt1KUkMAzI9GKkb";

        assertEquals(JSON, decoder.decode(encoded));
    }

    @Test
    public void roundTripsThroughTheInversePipelineWithEverySeparator() throws Exception {
        String json = "{\"source\":\"http://127.0.0.1:1/hls/a/master.m3u8?t=x&s=1&e=14400\",\"title\":\"Folge 1 – Ärger\"}";
        for (long seed = 0; seed < 50; seed++) {
            String encoded = VoeEncoder.encode(json, seed);
            for (String separator : VoeDecoder.DEFAULT_SEPARATORS) {
                assertTrue(separator + " in " + encoded, encoded.contains(separator));
            }
            assertEquals("seed " + seed, json, decoder.decode(encoded));
        }
    }

    @Test
    public void theDefaultSeparatorsAreTheOnesTheFakeInserts() {
        assertEquals(VoeEncoder.SEPARATORS, VoeDecoder.DEFAULT_SEPARATORS);
    }

    @Test
    public void readsBothContainers() throws Exception {
        assertEquals(List.of("abc", "d$e"), VoeDecoder.containerStrings(" [\"abc\", \"d$e\"] "));
        assertEquals(List.of("abc"), VoeDecoder.containerStrings("\"abc\""));
    }

    @Test
    public void decodesTheObjectInEitherContainer() throws Exception {
        String encoded = VoeEncoder.encode(JSON, 7);

        for (String container : List.of("[\"" + encoded + "\"]", "\"" + encoded + "\"")) {
            String first = VoeDecoder.containerStrings(container).get(0);
            assertEquals(container, "https://cdn.example/hls/x/master.m3u8", decoder.decodeObject(first).path("source").asText());
        }
    }

    @Test
    public void refusesContainersThatAreNotStrings() {
        for (String container : List.of("{\"a\":1}", "[1, 2]", "[]", "not json", "")) {
            UndecodableException failure = assertThrows(container, UndecodableException.class,
                    () -> VoeDecoder.containerStrings(container));
            assertTrue(failure.getMessage(), failure.getMessage().contains("player data"));
        }
    }

    @Test
    public void malformedInputNamesTheStepThatFailed() {
        UndecodableException notBase64 = assertThrows(UndecodableException.class, () -> decoder.decode("ab|cd|ef"));
        assertTrue(notBase64.getMessage(), notBase64.getMessage().contains("outer base64"));
        assertTrue(notBase64.getMessage(), notBase64.getMessage().contains("separators"));

        String encoded = VoeEncoder.encode(JSON, 3);
        UndecodableException truncated = assertThrows(UndecodableException.class,
                () -> decoder.decodeObject(encoded.substring(0, encoded.length() / 2)));
        assertTrue(truncated.getMessage(), truncated.getMessage().contains("base64")
                || truncated.getMessage().contains("not JSON"));

        UndecodableException notAnObject = assertThrows(UndecodableException.class,
                () -> decoder.decodeObject(VoeEncoder.encode("[\"source\"]", 1)));
        assertTrue(notAnObject.getMessage(), notAnObject.getMessage().contains("not a JSON object"));
    }

    @Test
    public void separatorsAreConfigurable() throws Exception {
        List<String> newJunk = List.of("|~", "<>", "(;)");
        String encoded = VoeEncoder.encode(JSON, newJunk, 11);

        assertEquals(JSON, new VoeDecoder(newJunk).decode(encoded));
        assertThrows(UndecodableException.class, () -> decoder.decode(encoded));
    }

    @Test
    public void readsTheSeparatorSetting() {
        assertEquals(List.of("@$", "^^", "#&"), VoeDecoder.parseSeparators(" @$ ,^^,, #& "));
        assertEquals(List.of(), VoeDecoder.parseSeparators(" "));
    }

    @Test
    public void refusesSeparatorsThatWouldCutThePayload() {
        for (String bad : List.of("a!", "!9", "+", "/", "==", "")) {
            IllegalArgumentException failure = assertThrows(bad, IllegalArgumentException.class,
                    () -> new VoeDecoder(List.of("@$", bad)));
            assertTrue(failure.getMessage(), failure.getMessage().contains("'" + bad + "'"));
        }
    }
}
