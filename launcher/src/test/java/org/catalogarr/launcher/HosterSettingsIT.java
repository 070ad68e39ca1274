package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.catalogarr.testkit.FakeMp4Host;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: a hoster's configuration is validated like every other one. A bad value in a hoster's file is
 * refused and named in {@code /health} and the log, the hoster keeps resolving with its previous settings,
 * and the fixed file is taken without a restart.
 */
public class HosterSettingsIT {

    private static final String VIDOZA = "org.catalogarr.hoster.vidoza";
    private static final String MEDIA_ID = "aot0101de";
    private static final Duration APPLIED = Duration.ofSeconds(30);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"), "username = sonarr\npassword = s3cret\n");
        Files.writeString(installation.config.resolve(VIDOZA + ".cfg"), "timeout_seconds = 15\n");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
    }

    @Test
    public void aBadHosterSettingIsRefusedShownAndFixedWithoutRestart() throws Exception {
        Http http = installation.http;
        Path file = installation.config.resolve(VIDOZA + ".cfg");
        Files.writeString(file, "timeout_seconds = abc\n");

        JsonNode health = http.awaitHealth(h -> h.path("settings_problems").has(VIDOZA), APPLIED);
        assertEquals("degraded", health.path("status").asText());
        assertEquals("[\"timeout_seconds must be a whole number, was 'abc'\"]",
                health.path("settings_problems").path(VIDOZA).toString());
        String log = Files.readString(installation.data.resolve("logs/catalogarr.log"));
        assertTrue(log, log.contains("Refused the configuration " + VIDOZA + ": timeout_seconds must be a whole number"));

        // The resolver is still there with its previous settings: the fakes' episodes download through Vidoza.
        QbitClient qbit = new QbitClient(http);
        assertEquals("Ok.", qbit.login("sonarr", "s3cret").body());
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        JsonNode done = qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0, Duration.ofSeconds(60));
        assertArrayEquals(FakeMp4Host.content(MEDIA_ID), Files.readAllBytes(Path.of(done.path("content_path").asText())));

        Files.writeString(file, "timeout_seconds = 20\n");
        health = http.awaitHealth(h -> h.path("settings_problems").isObject()
                && h.path("settings_problems").isEmpty(), APPLIED);
        assertEquals("ok", health.path("status").asText());
    }
}
