package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeFilemoon;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, sites.md §6.5 scenarios 3 and 6: a grabbed episode goes site episode page → language → the
 * preferred hoster VOE → site redirect → VOE's script redirect to its mirror → decoded player data → HLS
 * master → best variant → segments fetched with VOE's Referer (the fake CDN refuses them otherwise) → one
 * file; and with VOE down, the next hoster in the configured order, Filemoon, delivers it.
 */
public class HosterChainIT {

    /** The VOE code the fake AniWorld's German S01E01 link leads to. */
    private static final String CODE = "aot0101de";
    /** The Filemoon code of the same episode and language. */
    private static final String FILEMOON_CODE = "aot0101fm";
    /** Where the fake AniWorld's Filemoon links lead when no test needs them: a closed port. */
    private static final String NO_FILEMOON = "http://127.0.0.1:9/filemoon";
    private static final Set<String> COMPLETED = Set.of("pausedUP", "stoppedUP", "uploading", "stalledUP");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private VoeHlsLine line;
    private FakeCdn cdn;
    private FakeFilemoon filemoon;

    @Before
    public void start() throws Exception {
        filemoon = (FakeFilemoon) new FakeFilemoon().start();
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        line = VoeHlsLine.open();
        cdn = line.cdn;
        filemoon.placeholder("CDN_BASE", cdn.baseUrl().toString());
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
    }

    @After
    public void stop() throws InterruptedException {
        FakeCatalogues.site("aniworld").placeholder("FILEMOON_BASE", NO_FILEMOON);
        installation.close();
        line.close();
        filemoon.close();
    }

    /** Adds the German S01E01 from the feed and waits until it is complete. */
    private JsonNode grabbed() throws Exception {
        QbitClient qbit = new QbitClient(installation.http);
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(installation.http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        return qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()), Duration.ofSeconds(60));
    }

    @Test
    public void withVoeDownFilemoonIsNextAndItsStreamArrives() throws Exception {
        FakeCatalogues.site("aniworld").placeholder("VOE_BASE", FakeCatalogues.HOSTER_BASE);
        FakeCatalogues.site("aniworld").placeholder("FILEMOON_BASE", filemoon.baseUrl().toString());
        cdn.refererOrigin("https://filemoon.to");

        JsonNode done = grabbed();

        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".ts"));
        assertArrayEquals(FakeCdn.content(FILEMOON_CODE), Files.readAllBytes(file));
    }

    @Test
    public void aVoeEpisodeArrivesAsTheHlsStreamsFile() throws Exception {
        JsonNode done = grabbed();

        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".ts"));
        assertArrayEquals(FakeCdn.content(CODE), Files.readAllBytes(file));
        assertEquals(Files.size(file), done.path("size").asLong());
        List<String> cdnRequests = cdn.requests();
        assertTrue(cdnRequests.toString(), cdnRequests.contains("GET " + FakeCdn.segmentPath(CODE, 0)));
        assertTrue("the entry host's script redirect was followed to the mirror",
                line.voe.mirror().requests().contains("GET /e/" + CODE));
    }
}
