package org.catalogarr.core.configfiles;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.Test;

public class PropertiesTextTest {

    private static final String FILE = """
            # s.to / Serienstream: series in German and English.
            # Present but disabled by default.
            enabled = false
            display_name = s.to
            search_priority = 2
            plain_http_hosts =
            # Page listing every series.
            index_url = /serien?by=alpha
            """;

    private static Map<String, String> values(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static Properties read(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @Test
    public void changesOnlyTheLinesOfChangedValues() {
        String merged = PropertiesText.merge(FILE, values("enabled", "true", "display_name", "s.to",
                "search_priority", "1", "plain_http_hosts", "", "index_url", "/serien?by=alpha"));

        assertEquals(FILE.replace("enabled = false", "enabled = true").replace("search_priority = 2",
                "search_priority = 1"), merged);
    }

    @Test
    public void theSameValuesLeaveTheFileAsItIs() {
        assertEquals(FILE, PropertiesText.merge(FILE, values("enabled", "false", "display_name", "s.to",
                "search_priority", "2", "plain_http_hosts", "", "index_url", "/serien?by=alpha")));
    }

    @Test
    public void dropsRemovedKeysAndAppendsNewOnes() throws IOException {
        String merged = PropertiesText.merge(FILE, values("enabled", "true", "display_name", "s.to",
                "search_priority", "2", "plain_http_hosts", "127.0.0.1", "user_agent", "Mozilla/5.0 (X11)"));

        Properties read = read(merged);
        assertEquals(null, read.getProperty("index_url"));
        assertEquals("127.0.0.1", read.getProperty("plain_http_hosts"));
        assertEquals("Mozilla/5.0 (X11)", read.getProperty("user_agent"));
        assertEquals("# Page listing every series.", merged.split("\n")[6]);
        assertEquals("user_agent = Mozilla/5.0 (X11)\n", merged.substring(merged.lastIndexOf("user_agent")));
    }

    @Test
    public void valuesThatNeedEscapingReadBackTheSame() throws IOException {
        String odd = " leading blank, back\\slash, line\nbreak, # hash, = sign, ü and 日本";
        Properties read = read(PropertiesText.merge("", values("odd", odd, "key with = sign", "x")));

        assertEquals(odd, read.getProperty("odd"));
        assertEquals("x", read.getProperty("key with = sign"));
    }

    @Test
    public void aValueContinuedOnTheNextLinesIsReplacedWhole() throws IOException {
        String text = "a = one \\\n    two\nb = 2\n";

        String merged = PropertiesText.merge(text, values("a", "three", "b", "2"));

        assertEquals("a = three\nb = 2\n", merged);
    }

    @Test
    public void otherSeparatorsAndIndentsAreKept() {
        assertEquals("  a: 2\nb=3\n", PropertiesText.merge("  a: 1\nb=3\n", values("a", "2", "b", "3")));
    }
}
