package org.catalogarr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serienstream "v2" (s.to / serienstream.to since January 2026) on loopback: the alphabetical index,
 * a letter page, the suggest API and the HTML search, the Attack on Titan series with seasons 0 to 3
 * and a few episode pages, and the {@code /r?t=} play redirect with one-shot tokens and challenge pages.
 * <p>
 * Placeholder {@code VOE_BASE} is where play redirects point; a test that runs a fake VOE sets it.
 */
public class FakeSto extends FakeSite {

    /** The token that answers the Turnstile "Stream wird vorbereitet" page. */
    public static final String CHALLENGE_TOKEN = "challenge";
    /** The token that answers an Altcha proof-of-work page. */
    public static final String ALTCHA_TOKEN = "altcha";
    /** The token whose link is gone: the site sends it back to its home page. */
    public static final String GONE_TOKEN = "gone";

    /**
     * How {@link Scenario#LAYOUT_CHANGED} renames the markup: every class, id, attribute and JSON key a
     * parser relies on gets another name, the way a redesign would.
     */
    private static final Map<String, String> RENAMED_MARKUP = renamedMarkup();

    private final Map<String, String> tokens = tokens();
    private final Set<String> usedTokens = ConcurrentHashMap.newKeySet();

    public FakeSto() {
        super("sto");
        placeholder("VOE_BASE", "http://127.0.0.1:9/voe");
        route("GET", "/serien", (request, match) -> "alpha".equals(request.param("by"))
                ? page("serien-alpha.html") : notFound());
        route("GET", "/katalog/([A-Z]|0-9)", (request, match) -> fixtureOrNotFound("katalog-" + match.group(1) + ".html"));
        route("GET", "/api/search/suggest", (request, match) -> json("api/" + suggestFixture(request.param("term"))));
        route("GET", "/suche", (request, match) -> page("suche/" + searchFixture(request.param("term"))));
        route("GET", "/serie/([a-z0-9-]+)", (request, match) -> fixtureOrNotFound("serie/" + match.group(1) + ".html"));
        route("GET", "/serie/([a-z0-9-]+)/staffel-(\\d+)",
                (request, match) -> fixtureOrNotFound("serie/" + match.group(1) + "/staffel-" + match.group(2) + ".html"));
        route("GET", "/serie/([a-z0-9-]+)/staffel-(\\d+)/episode-(\\d+)",
                (request, match) -> fixtureOrNotFound("serie/" + match.group(1) + "/staffel-" + match.group(2)
                        + "/episode-" + match.group(3) + ".html"));
        route("GET", "/r", (request, match) -> play(request.param("t")));
    }

    /** How often play tokens were redeemed, so a test can see that a used token is not asked twice. */
    public int redeemedTokens() {
        return usedTokens.size();
    }

    private Response play(String token) throws IOException {
        if (token == null) {
            return notFound();
        }
        switch (token) {
            case CHALLENGE_TOKEN:
                return Response.html(fixture("r-challenge.html"));
            case ALTCHA_TOKEN:
                return Response.html(fixture("r-altcha.html"));
            case GONE_TOKEN:
                return Response.redirect(302, "/");
            default:
                String code = tokens.get(token);
                // The real tokens are single-use: a second redemption finds nothing.
                if (code == null || !usedTokens.add(token)) {
                    return notFound();
                }
                return Response.redirect(302, fill("{{VOE_BASE}}") + "/e/" + code);
        }
    }

    private static String suggestFixture(String term) {
        String normalised = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
        switch (normalised) {
            case "911":
                return "suggest-911.json";
            case "9-1-1":
                return "suggest-9-1-1.json";
            case "attack", "attack on titan":
                return "suggest-attack.json";
            case "rookie":
                return "suggest-malformed.json";
            default:
                return "suggest-empty.json";
        }
    }

    private String searchFixture(String term) {
        String name = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
        return name.matches("[a-z0-9-]+") && hasFixture("suche/" + name + ".html") ? name + ".html" : "empty.html";
    }

    private Response fixtureOrNotFound(String resource) throws IOException {
        return hasFixture(resource) ? page(resource) : notFound();
    }

    private Response page(String resource) throws IOException {
        return Response.html(layout(fixture(resource)));
    }

    private Response json(String resource) throws IOException {
        return Response.json(layout(fixture(resource)));
    }

    private String layout(String text) {
        if (scenario() != Scenario.LAYOUT_CHANGED) {
            return text;
        }
        for (Map.Entry<String, String> rename : RENAMED_MARKUP.entrySet()) {
            text = text.replace(rename.getKey(), rename.getValue());
        }
        return text;
    }

    private static Response notFound() {
        return Response.status(404, "<!DOCTYPE html><html><body><h1>404</h1><p>Seite nicht gefunden</p></body></html>");
    }

    private static Map<String, String> renamedMarkup() {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("series-list", "title-list");
        renames.put("series-item", "title-entry");
        renames.put("\"shows\"", "\"series\"");
        renames.put("results-group", "result-grid");
        renames.put("show-header-wrapper", "hero-header");
        renames.put("season-nav", "staffel-tabs");
        renames.put("data-season-pill", "data-staffel");
        renames.put("episode-row", "folge-row");
        renames.put("episode-links", "stream-links");
        renames.put("data-play-url", "data-stream-url");
        return Collections.unmodifiableMap(renames);
    }

    private static Map<String, String> tokens() {
        Properties properties = new Properties();
        try (InputStream in = FakeSto.class.getClassLoader().getResourceAsStream("fixtures/sto/r-tokens.properties")) {
            if (in == null) {
                throw new IOException("fixtures/sto/r-tokens.properties is missing");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fake s.to play tokens", e);
        }
        Map<String, String> tokens = new ConcurrentHashMap<>();
        properties.stringPropertyNames().forEach(token -> tokens.put(token, properties.getProperty(token)));
        return tokens;
    }
}
