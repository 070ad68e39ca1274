package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.catalogarr.settings.Settings;
import org.junit.Test;

public class QbitSettingsTest {

    private final Settings settings = new Settings();

    private List<String> problems(String serverDomains) {
        QbitSettings.read(settings, Map.of("server_domains", serverDomains));
        return settings.problems().getOrDefault(QbitApiServlet.PID, List.of());
    }

    @Test
    public void takesHostNamesWildcardsAndAny() {
        for (String listed : List.of("", "proxy.example.org", " Proxy.Example.org. , *.lan, nas", "*", "192.168.1.10")) {
            assertEquals(listed, List.of(), problems(listed));
        }
    }

    /** A URL, a port or a space never matches a Host header: the proxy's every request would be refused. */
    @Test
    public void refusesWhatCannotBeAHostName() {
        for (String listed : List.of("https://proxy.example.org/", "proxy.example.org:8443", "my proxy", "*.", "a..b")) {
            assertEquals(listed, List.of("server_domains must be host names separated by commas (*.example.com for"
                    + " subdomains, * for any), was '" + listed + "'"), problems(listed));
        }
    }
}
