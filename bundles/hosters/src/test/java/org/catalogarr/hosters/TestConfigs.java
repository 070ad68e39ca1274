package org.catalogarr.hosters;

import java.util.HashMap;
import java.util.Map;

/** Configuration properties for a resolver under test, as Config Admin gives them from a file. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** The settings every hoster has, and pairs of further property names and values. */
    static Map<String, Object> browser(String userAgent, long timeoutSeconds, Object... more) {
        Map<String, Object> properties = new HashMap<>(Map.of("user_agent", userAgent, "timeout_seconds",
                String.valueOf(timeoutSeconds)));
        for (int i = 0; i < more.length; i += 2) {
            properties.put((String) more[i], String.valueOf(more[i + 1]));
        }
        return properties;
    }
}
