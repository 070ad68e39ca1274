package org.catalogarr.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.catalogarr.testkit.FakeSite.Scenario;
import org.junit.After;
import org.junit.Test;

public class FakeAniWorldTest {

    private final FakeAniWorld fake = new FakeAniWorld();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    {
        fake.start();
    }

    @After
    public void stop() {
        fake.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(fake.baseUrl().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> search(String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(fake.baseUrl().resolve("/ajax/search"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void theSearchNeedsAKeyword() throws Exception {
        assertEquals(400, search("").statusCode());
        assertTrue(search("keyword=Attack+on+Titan").body().contains("<em>Attack<\\/em> on Titan"));
        assertEquals("[]", search("keyword=nothing").body());
    }

    @Test
    public void theSeriesSearchAnswersWithSlugs() throws Exception {
        HttpResponse<String> answer = get("/ajax/seriesSearch?keyword=attack");

        assertTrue(answer.body().contains("\"link\":\"attack-on-titan\""));
        assertTrue(answer.body().contains("(2013 - 2023)"));
    }

    @Test
    public void anUnknownSeriesIsASoft404() throws Exception {
        HttpResponse<String> answer = get("/anime/stream/unknown-slug");

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("Die gewünschte Serie wurde nicht gefunden oder ist im Moment deaktiviert."));
        assertEquals(404, get("/anime/stream/attack-on-titan/staffel-9").statusCode());
    }

    @Test
    public void redirectsPointAtTheConfiguredHosters() throws Exception {
        fake.placeholder("VOE_BASE", "http://127.0.0.1:4711/voe");

        assertEquals(302, get("/redirect/1101").statusCode());
        assertEquals("http://127.0.0.1:4711/voe/e/aot0101de", get("/redirect/1101").headers().firstValue("Location").orElseThrow());
        assertEquals("/", get("/redirect/9002").headers().firstValue("Location").orElseThrow());
        assertTrue(get("/redirect/9003").body().contains("cf-turnstile"));
        assertEquals(404, get("/redirect/1").statusCode());
    }

    @Test
    public void theLayoutChangedScenarioRenamesTheMarkup() throws Exception {
        fake.scenario(Scenario.LAYOUT_CHANGED);

        String page = get("/anime/stream/attack-on-titan/staffel-1/episode-1").body();

        assertFalse(page.contains("hosterSiteVideo"));
        assertTrue(page.contains("To You, in 2000 Years"));
    }
}
