package org.catalogarr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The home page lists {@link #NEW_EPISODES}; their episode pages without a fixture of their own are
 * generated with one VOE link per offered language.
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

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter SITE_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final String NEW_EPISODES_MARK = "{{NEW_EPISODES}}";
    private static final Map<String, String> LANGUAGE_IDS = Map.of("german-dub", "1", "english-dub", "2",
            "german-sub", "3");
    private static final Map<String, String> LABELS = Map.of("german-dub", "Deutsch", "english-dub", "Englisch",
            "german-sub", "Deutsch Untertitel");
    private static final Map<String, String> FLAGS = Map.of("german-dub", "german", "english-dub", "english",
            "german-sub", "english-german");
    /** The titles of the listed series, as the fake's index writes them. */
    private static final Map<String, String> TITLES = Map.of("the-rookie", "The Rookie", "silo", "Silo", "9-1-1",
            "9-1-1", "rick-and-morty", "Rick and Morty", "dark", "Dark", "elite", "Élite", "9-1-1-lone-star",
            "9-1-1: Lone Star");

    /** The "Neue Episoden" listing of the home page, newest first. */
    public static final List<ListedRelease> NEW_EPISODES = newEpisodes();

    /**
     * Series whose S01E01 page is generated with one German dub link, so a search that resolves them finds an
     * episode: the targets of title resolution tests and their look-alikes.
     */
    public static final Map<String, String> FIRST_EPISODES = Map.of("haus-des-geldes", "Haus des Geldes",
            "die-bruecke", "Die Brücke – Transit in den Tod", "dark-matter", "Dark Matter");

    private volatile ListingFailure listingFailure = ListingFailure.NONE;
    private volatile boolean v1Markup;
    private volatile String movedTo;
    private final Map<String, String> tokens = tokens();
    private final Set<String> usedTokens = ConcurrentHashMap.newKeySet();

    public FakeSto() {
        super("sto");
        placeholder("VOE_BASE", "http://127.0.0.1:9/voe");
        route("GET", "/", (request, match) -> home());
        route("GET", "/serien", (request, match) -> "alpha".equals(request.param("by"))
                ? page("serien-alpha.html") : notFound());
        route("GET", "/katalog/([A-Z]|0-9)", (request, match) -> fixtureOrNotFound("katalog-" + match.group(1) + ".html"));
        route("GET", "/api/search/suggest", (request, match) -> json("api/" + suggestFixture(request.param("term"))));
        route("GET", "/suche", (request, match) -> page("suche/" + searchFixture(request.param("term"))));
        route("GET", "/serie/([a-z0-9-]+)", (request, match) -> fixtureOrNotFound("serie/" + match.group(1) + ".html"));
        route("GET", "/serie/([a-z0-9-]+)/staffel-(\\d+)",
                (request, match) -> fixtureOrNotFound("serie/" + match.group(1) + "/staffel-" + match.group(2) + ".html"));
        route("GET", "/serie/([a-z0-9-]+)/staffel-(\\d+)/episode-(\\d+)", (request, match) -> {
            String resource = "serie/" + match.group(1) + "/staffel-" + match.group(2) + "/episode-" + match.group(3)
                    + ".html";
            if (hasFixture(resource)) {
                return page(resource);
            }
            if (FIRST_EPISODES.containsKey(match.group(1)) && "1".equals(match.group(2)) && "1".equals(match.group(3))) {
                return firstEpisodePage(match.group(1));
            }
            return releasedEpisodePage(match.group(1), Integer.parseInt(match.group(2)), Integer.parseInt(match.group(3)));
        });
        route("GET", "/r", (request, match) -> play(request.param("t")));
    }

    /**
     * Serves the v1 markup of before 2026 from now on (AniWorld's engine: {@code /serien} with
     * {@code #seriesContainer}, {@code /serie/{slug}} sent on to {@code /serie/stream/{slug}}), as an old mirror does.
     */
    public void v1Markup(boolean on) {
        v1Markup = on;
    }

    /**
     * Answers every request from now on with a permanent redirect to the same path and query at {@code newBase}
     * ({@code http://host:port}), as the site does when it moves to another domain; null stops it.
     */
    public void movedTo(String newBase) {
        movedTo = newBase;
    }

    @Override
    protected Response before(Request request, String rawQuery) throws IOException {
        String target = movedTo;
        if (target != null) {
            return Response.redirect(301, target + request.path() + (rawQuery == null ? "" : "?" + rawQuery));
        }
        if (!v1Markup) {
            return null;
        }
        String path = request.path();
        if (path.startsWith("/serie/stream/")) {
            String slug = path.substring("/serie/stream/".length()).split("/")[0];
            return Response.html(fixture("v1/serie-stream.html").replace("attack-on-titan", slug));
        }
        if (path.startsWith("/serie/")) {
            return Response.redirect(301, "/serie/stream/" + path.substring("/serie/".length()));
        }
        return path.equals("/serien") ? Response.html(fixture("v1/serien.html")) : null;
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
            case "the bridge", "bron/broen":
                return "suggest-the-bridge.json";
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

    /** How the home page, and with it the listing of new episodes, fails from now on. */
    public void listingFailure(ListingFailure failure) {
        listingFailure = failure;
    }

    /** The "Neue Episoden" entries as the v2 home page shows them; every third time is written without a zone. */
    public static String newEpisodesHtml(List<ListedRelease> releases) {
        StringBuilder html = new StringBuilder();
        int i = 0;
        for (ListedRelease release : releases) {
            ZonedDateTime local = release.releasedAt().atZone(BERLIN);
            String datetime = i++ % 3 == 2 ? local.toLocalDateTime().toString() : local.toOffsetDateTime().toString();
            html.append(String.format(Locale.ROOT, """
                          <li class="latest-episode">
                            <a href="/serie/%s/staffel-%d/episode-%d" class="d-flex">
                              <span class="latest-episode-show">%s</span>
                              <span class="latest-episode-number">S%02dE%02d</span>
                              <span class="latest-episode-title">Folge %d</span>
                              <svg class="watch-language svg-flag-%s"><use href="#icon-flag-%s"></use></svg>
                              <time datetime="%s">%s</time>
                            </a>
                          </li>
                    """, release.slug(), release.season(), release.episode(), escape(release.title()), release.season(),
                    release.episode(), release.episode(), FLAGS.get(release.language()), FLAGS.get(release.language()),
                    datetime, SITE_DATE.format(local)));
        }
        return html.toString();
    }

    private Response home() throws IOException {
        switch (listingFailure) {
            case SERVER_ERROR:
                return Response.status(500, "<!DOCTYPE html><html><body><h1>500</h1><p>Server Error</p></body></html>");
            case LAYOUT_CHANGED:
                return Response.html(fixture("home.html").replace(NEW_EPISODES_MARK, newEpisodesHtml(NEW_EPISODES))
                        .replace("latest-episode", "episode-teaser"));
            default:
                return Response.html(layout(fixture("home.html").replace(NEW_EPISODES_MARK, newEpisodesHtml(NEW_EPISODES))));
        }
    }

    /** S01E01 of a series of {@link #FIRST_EPISODES}: one German dub VOE link. */
    private Response firstEpisodePage(String slug) throws IOException {
        String token = "first-" + slug;
        String links = String.format("""
                    <h5>Deutsch</h5>
                      <button type="button" class="link-box btn btn-dark" data-link-id="%d" data-play-url="/r?t=%s" data-auto-embed="0"
                              data-provider-name="VOE" data-language-label="Deutsch" data-language-id="1">
                        <img class="watch-link" src="/storage/providers/voe.svg" alt="VOE"><span class="provider-name">VOE</span>
                        <svg class="watch-language"><use href="#icon-flag-german"></use></svg>
                      </button>
                """, Math.abs(token.hashCode()), token);
        return Response.html(layout(fixture("episode-template.html").replace("{{SLUG}}", slug)
                .replace("{{TITLE}}", escape(FIRST_EPISODES.get(slug))).replace("{{SEASON}}", "1")
                .replace("{{EPISODE}}", "1").replace("{{LINKS}}", links)));
    }

    /** The page of a listed episode: a VOE link per offered language (their tokens redeem nothing). */
    private Response releasedEpisodePage(String slug, int season, int episode) throws IOException {
        List<ListedRelease> offered = NEW_EPISODES.stream().filter(ListedRelease::offered)
                .filter(r -> r.slug().equals(slug) && r.season() == season && r.episode() == episode).toList();
        if (offered.isEmpty()) {
            return notFound();
        }
        StringBuilder links = new StringBuilder();
        for (String language : offered.stream().map(ListedRelease::language).distinct().toList()) {
            String token = "released-" + slug + "-" + season + "-" + episode + "-" + language;
            links.append(String.format("""
                        <h5>%s</h5>
                          <button type="button" class="link-box btn btn-dark" data-link-id="%d" data-play-url="/r?t=%s" data-auto-embed="0"
                                  data-provider-name="VOE" data-language-label="%s" data-language-id="%s">
                            <img class="watch-link" src="/storage/providers/voe.svg" alt="VOE"><span class="provider-name">VOE</span>
                            <svg class="watch-language"><use href="#icon-flag-%s"></use></svg>
                          </button>
                    """, LABELS.get(language), Math.abs(token.hashCode()), token, LABELS.get(language),
                    LANGUAGE_IDS.get(language), FLAGS.get(language)));
        }
        return Response.html(layout(fixture("episode-template.html").replace("{{SLUG}}", slug)
                .replace("{{TITLE}}", escape(offered.get(0).title()))
                .replace("{{SEASON}}", String.valueOf(season))
                .replace("{{EPISODE}}", String.valueOf(episode))
                .replace("{{LINKS}}", links)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The listing: 22 entries, one every 23 minutes back from 65 minutes before the fake was loaded, of
     * series of the fake's index. Silo S02E03 is flagged in English, which its page does not offer.
     */
    private static List<ListedRelease> newEpisodes() {
        Object[][] rows = {
            {"the-rookie", 7, 10, "german-dub", true},
            {"silo", 2, 3, "english-dub", false},
            {"silo", 2, 3, "german-dub", true},
            {"9-1-1", 8, 12, "german-dub", true},
            {"rick-and-morty", 8, 5, "english-dub", true},
            {"rick-and-morty", 8, 5, "german-dub", true},
            {"dark", 3, 8, "german-dub", true},
            {"elite", 8, 8, "german-sub", true},
            {"the-rookie", 7, 9, "german-dub", true},
            {"9-1-1-lone-star", 5, 12, "german-dub", true},
            {"silo", 2, 2, "german-dub", true},
            {"9-1-1", 8, 11, "german-dub", true},
            {"dark", 3, 7, "german-dub", true},
            {"rick-and-morty", 8, 4, "german-dub", true},
            {"elite", 8, 7, "german-sub", true},
            {"the-rookie", 7, 8, "german-dub", true},
            {"silo", 2, 1, "german-dub", true},
            {"9-1-1", 8, 10, "english-dub", true},
            {"9-1-1-lone-star", 5, 11, "german-dub", true},
            {"dark", 3, 6, "german-dub", true},
            {"elite", 8, 6, "german-sub", true},
            {"the-rookie", 7, 7, "german-dub", true},
        };
        ZonedDateTime newest = ZonedDateTime.now(BERLIN).truncatedTo(ChronoUnit.MINUTES).minusMinutes(65);
        List<ListedRelease> releases = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String slug = (String) rows[i][0];
            releases.add(new ListedRelease(slug, TITLES.get(slug), (Integer) rows[i][1], (Integer) rows[i][2],
                    (String) rows[i][3], (Boolean) rows[i][4], newest.minusMinutes(23L * i).toInstant()));
        }
        return List.copyOf(releases);
    }

    private static Response notFound() {
        return Response.status(404, "<!DOCTYPE html><html><body><h1>404</h1><p>Seite nicht gefunden</p></body></html>");
    }

    private static Map<String, String> renamedMarkup() {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("latest-episode", "recent-release");
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
