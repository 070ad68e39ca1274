package org.catalogarr.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AniWorld on loopback, in its legacy markup: the A–Z and genre index, the AJAX searches, the
 * attack-on-titan series with seasons 1–4 and movies, episode pages with their hoster lists, the
 * soft 404 of an unknown slug, and the site's redirect links.
 * <p>
 * Redirects point at {@code {{VOE_BASE}}}, {@code {{MP4_BASE}}} and {@code {{FILEMOON_BASE}}}; a test
 * sets them to its fake hosters with {@link #placeholder(String, String)}. Until then they name a
 * closed loopback port, so pages always render. The home page lists {@link #NEW_EPISODES}; their episode
 * pages without a fixture of their own are generated, with a Vidoza link per offered language that leads
 * to {@code {{MP4_BASE}}/embed-}{@link #mediaId}. {@code /redirect/9001} points at a dead host,
 * {@code /redirect/9002} back to the site's home (the link is gone), {@code /redirect/9003} answers
 * with a captcha page.
 */
public class FakeAniWorld extends FakeSite {

    /** The redirect id whose answer is a captcha page instead of a redirect. */
    public static final String CHALLENGE_REDIRECT_ID = "9003";

    /**
     * What {@link Scenario#LAYOUT_CHANGED} renames: every class, id or JSON key a parser of the
     * legacy layout keys on gets a new name, the data stays the same.
     */
    private static final Map<String, String> RENAMED_MARKUP = renamedMarkup();

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter SITE_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(BERLIN);
    private static final Pattern EPISODE_PATH = Pattern.compile("/staffel-(\\d+)/episode-(\\d+)");
    private static final Map<String, String> LANGUAGE_KEYS = Map.of("german-dub", "1", "english-sub", "2",
            "german-sub", "3", "english-dub", "4");
    private static final Map<String, String> FLAGS = Map.of("german-dub", "german.svg", "english-sub",
            "japanese-english.svg", "german-sub", "japanese-german.svg", "english-dub", "english.svg");
    /** The titles of the listed series, as the fake's index writes them. */
    private static final Map<String, String> TITLES = Map.of("kaguya-sama-love-is-war", "Kaguya-sama: Love is War",
            "attack-on-titan", "Attack on Titan", "one-piece", "One Piece", "demon-slayer-kimetsu-no-yaiba",
            "Demon Slayer: Kimetsu no Yaiba", "jojos-bizarre-adventure", "JoJo's Bizarre Adventure", "naruto", "Naruto",
            "only-gersub-show", "Only GerSub Show", "rezero-starting-life-in-another-world",
            "Re:ZERO -Starting Life in Another World-");

    /** The "Neue Episoden" listing of the home page, newest first. */
    public static final List<ListedRelease> NEW_EPISODES = newEpisodes();
    private static final Map<String, String> RELEASED_REDIRECTS = releasedRedirects();

    /**
     * Series whose S01E01 page is generated with one German Sub link, so a search that resolves them finds an
     * episode: the targets of title resolution tests and their look-alikes.
     */
    public static final Map<String, String> FIRST_EPISODES = Map.of("frieren-nach-dem-ende-der-reise",
            "Frieren - Nach dem Ende der Reise", "rick-and-morty-the-anime", "Rick and Morty: The Anime");

    private volatile ListingFailure listingFailure = ListingFailure.NONE;

    public FakeAniWorld() {
        super("aniworld");
        String closed = "http://127.0.0.1:" + closedPort();
        placeholder("VOE_BASE", closed + "/voe");
        placeholder("MP4_BASE", closed + "/mp4");
        placeholder("FILEMOON_BASE", closed + "/filemoon");
        placeholder("DEAD_BASE", closed);

        route("GET", "/", (request, match) -> home());
        route("GET", "/neue-episoden/?", (request, match) -> home());
        route("GET", "/animes-alphabet/?", (request, match) -> Response.html(page("animes-alphabet.html")));
        route("GET", "/animes/?", (request, match) -> Response.html(page("animes.html")));
        route("POST", "/ajax/search", (request, match) -> search("search", request.form().get("keyword")));
        route("GET", "/ajax/seriesSearch", (request, match) -> search("series-search", request.query().get("keyword")));
        route("GET", "/anime/stream/([a-z0-9-]+)(/[a-z0-9/-]*)?", (request, match) -> {
            String slug = match.group(1);
            String rest = match.group(2) == null ? "" : match.group(2).replaceAll("/+$", "");
            String resource = "anime/stream/" + slug + rest + ".html";
            if (hasFixture(resource)) {
                return Response.html(page(resource));
            }
            if (FIRST_EPISODES.containsKey(slug) && "/staffel-1/episode-1".equals(rest)) {
                return Response.html(firstEpisodePage(slug));
            }
            Optional<String> released = releasedEpisodePage(slug, rest);
            if (released.isPresent()) {
                return Response.html(released.get());
            }
            // The site answers an unknown series with an ordinary page that only says so.
            return hasFixture("anime/stream/" + slug + ".html")
                    ? Response.status(404, "<html><body><h1>404</h1></body></html>")
                    : Response.html(page("not-found.html"));
        });
        route("GET", "/redirect/(\\d+)", (request, match) -> {
            String id = match.group(1);
            if (CHALLENGE_REDIRECT_ID.equals(id)) {
                return Response.html(page("redirect-challenge.html"));
            }
            String released = RELEASED_REDIRECTS.get(id);
            if (released != null) {
                return Response.redirect(302, fill("{{MP4_BASE}}/embed-" + released + ".html"));
            }
            return redirectTarget(id).map(location -> Response.redirect(302, location))
                    .orElseGet(() -> Response.status(404, "<html><body><h1>404</h1></body></html>"));
        });
    }

    /** Where {@code /redirect/{id}} sends a browser now, with the placeholders filled in. */
    public Optional<String> redirectTarget(String id) throws IOException {
        for (String line : fixture("redirects.txt").split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equals(id)) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.empty();
    }

    /** The site's search endpoints require the keyword; canned results are keyed by its first word. */
    private Response search(String folder, String keyword) throws IOException {
        if (keyword == null || keyword.isBlank()) {
            return Response.status(400, "{\"error\":\"keyword missing\"}");
        }
        String firstWord = keyword.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")[0];
        String resource = folder + "/" + firstWord + ".json";
        return Response.json(hasFixture(resource) ? page(resource) : "[]");
    }

    private String page(String resource) throws IOException {
        String text = fixture(resource);
        if (scenario() == Scenario.LAYOUT_CHANGED) {
            for (Map.Entry<String, String> rename : RENAMED_MARKUP.entrySet()) {
                text = text.replace(rename.getKey(), rename.getValue());
            }
        }
        return text;
    }

    private static Map<String, String> renamedMarkup() {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("newEpisodeList", "episodeFeed");
        renames.put("seriesContainer", "seriesList");
        renames.put("series-title", "series-heading");
        renames.put("seasonEpisodesList", "episodeTable");
        renames.put("hosterSiteVideo", "streamHosters");
        renames.put("changeLanguageBox", "languageSwitch");
        renames.put("data-lang-key", "data-language");
        renames.put("\"link\":", "\"url\":");
        return renames;
    }

    /** How the home page, and with it the listing of new episodes, fails from now on. */
    public void listingFailure(ListingFailure failure) {
        listingFailure = failure;
    }

    /** The media id the Vidoza link of a released episode in a language leads to, as {@link FakeMp4Host} serves it. */
    public static String mediaId(String slug, int season, int episode, String language) {
        return slug + "-s" + season + "e" + episode + "-" + language;
    }

    /** The "Neue Episoden" entries of the fake, newest first, as its home page shows them. */
    public static String newEpisodesHtml(List<ListedRelease> releases) {
        StringBuilder html = new StringBuilder();
        for (ListedRelease release : releases) {
            String path = "/anime/stream/" + release.slug() + "/staffel-" + release.season() + "/episode-"
                    + release.episode();
            html.append(String.format(Locale.ROOT, """
                            <div class="col-md-12 newEpisode">
                                <a href="%s" title="%s Staffel %d Episode %d">
                                    <strong>%s</strong> <span class="listTag">S%02d E%02d</span>
                                    <img class="flag" src="/public/img/%s" data-lang-key="%s" alt="%s" title="%s">
                                    <span class="elementFloatRight">%s</span>
                                </a>
                            </div>
                    """, path, escape(release.title()), release.season(), release.episode(), escape(release.title()),
                    release.season(), release.episode(), FLAGS.get(release.language()), LANGUAGE_KEYS.get(release.language()),
                    release.language(), release.language(), SITE_DATE.format(release.releasedAt())));
        }
        return html.toString();
    }

    private Response home() throws IOException {
        switch (listingFailure) {
            case SERVER_ERROR:
                return Response.status(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
            case LAYOUT_CHANGED:
                return Response.html(page("home.html").replace("{{NEW_EPISODES}}", newEpisodesHtml(NEW_EPISODES))
                        .replace("newEpisode", "episodeCard"));
            default:
                return Response.html(page("home.html").replace("{{NEW_EPISODES}}", newEpisodesHtml(NEW_EPISODES)));
        }
    }

    /** S01E01 of a series of {@link #FIRST_EPISODES}: German Sub on Vidoza, behind a redirect that leads nowhere. */
    private String firstEpisodePage(String slug) throws IOException {
        String id = String.valueOf(70_001 + Math.floorMod(slug.hashCode(), 9_000));
        String languages = """
                            <img src="/public/img/japanese-german.svg" alt="german-sub" title="german-sub" data-lang-key="3">
                """;
        String links = String.format("""
                            <li class="col-md-3 col-xs-12 col-sm-6 episodeLink%s" data-lang-key="3" data-link-id="%s" data-link-target="/redirect/%s" data-external-embed="false">
                                <div><a class="watchEpisode" itemprop="url" href="/redirect/%s" target="_blank">
                                    <i class="icon Vidoza" title="Hoster Vidoza"></i><h4>Vidoza</h4>
                                    <div class="hosterSiteVideoButton">Video öffnen</div>
                                </a></div>
                            </li>
                """, id, id, id, id);
        return page("episode-template.html").replace("{{SLUG}}", slug).replace("{{TITLE}}", escape(FIRST_EPISODES.get(slug)))
                .replace("{{SEASON}}", "1").replace("{{EPISODE}}", "1").replace("{{LANGUAGES}}", languages)
                .replace("{{LINKS}}", links);
    }

    /** The page of an episode of the listing that has no fixture of its own: its offered languages, each on Vidoza. */
    private Optional<String> releasedEpisodePage(String slug, String rest) throws IOException {
        Matcher episodePath = EPISODE_PATH.matcher(rest);
        if (!episodePath.matches()) {
            return Optional.empty();
        }
        int season = Integer.parseInt(episodePath.group(1));
        int episode = Integer.parseInt(episodePath.group(2));
        List<ListedRelease> offered = NEW_EPISODES.stream().filter(ListedRelease::offered)
                .filter(r -> r.slug().equals(slug) && r.season() == season && r.episode() == episode).toList();
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder languages = new StringBuilder();
        StringBuilder links = new StringBuilder();
        for (String language : offered.stream().map(ListedRelease::language).distinct().toList()) {
            String key = LANGUAGE_KEYS.get(language);
            String id = redirectId(mediaId(slug, season, episode, language));
            languages.append(String.format("""
                                <img src="/public/img/%s" alt="%s" title="%s" data-lang-key="%s">
                    """, FLAGS.get(language), language, language, key));
            links.append(String.format("""
                                <li class="col-md-3 col-xs-12 col-sm-6 episodeLink%s" data-lang-key="%s" data-link-id="%s" data-link-target="/redirect/%s" data-external-embed="false">
                                    <div><a class="watchEpisode" itemprop="url" href="/redirect/%s" target="_blank">
                                        <i class="icon Vidoza" title="Hoster Vidoza"></i><h4>Vidoza</h4>
                                        <div class="hosterSiteVideoButton">Video öffnen</div>
                                    </a></div>
                                </li>
                    """, id, key, id, id, id));
        }
        return Optional.of(page("episode-template.html")
                .replace("{{SLUG}}", slug)
                .replace("{{TITLE}}", escape(offered.get(0).title()))
                .replace("{{SEASON}}", String.valueOf(season))
                .replace("{{EPISODE}}", String.valueOf(episode))
                .replace("{{LANGUAGES}}", languages)
                .replace("{{LINKS}}", links));
    }

    private static String redirectId(String mediaId) {
        return RELEASED_REDIRECTS.entrySet().stream().filter(e -> e.getValue().equals(mediaId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#039;");
    }

    /**
     * The listing: 32 entries, one every 17 minutes back from an hour before the fake was loaded (the
     * listing must not lie in the future of the tests' clock), of series of the fake's index. Two flag a language the episode page does not offer: One Piece S21E5 in
     * English Sub and Attack on Titan S01E02 in German Dub (its page is German Sub only).
     */
    private static List<ListedRelease> newEpisodes() {
        Object[][] rows = {
            {"kaguya-sama-love-is-war", 1, 6, "german-sub", true},
            {"attack-on-titan", 1, 1, "german-dub", true},
            {"one-piece", 21, 5, "german-sub", true},
            {"one-piece", 21, 5, "english-sub", false},
            {"demon-slayer-kimetsu-no-yaiba", 2, 5, "german-dub", true},
            {"kaguya-sama-love-is-war", 1, 5, "german-sub", true},
            {"attack-on-titan", 1, 2, "german-dub", false},
            {"jojos-bizarre-adventure", 6, 4, "english-sub", true},
            {"one-piece", 21, 4, "german-sub", true},
            {"demon-slayer-kimetsu-no-yaiba", 2, 4, "german-dub", true},
            {"kaguya-sama-love-is-war", 1, 4, "german-sub", true},
            {"attack-on-titan", 1, 2, "german-sub", true},
            {"kaguya-sama-love-is-war", 1, 1, "german-dub", true},
            {"jojos-bizarre-adventure", 6, 3, "english-sub", true},
            {"one-piece", 21, 3, "german-sub", true},
            {"demon-slayer-kimetsu-no-yaiba", 2, 3, "german-dub", true},
            {"kaguya-sama-love-is-war", 1, 3, "german-sub", true},
            {"naruto", 1, 220, "german-dub", true},
            {"jojos-bizarre-adventure", 6, 2, "english-sub", true},
            {"one-piece", 21, 2, "german-sub", true},
            {"demon-slayer-kimetsu-no-yaiba", 2, 2, "german-dub", true},
            {"demon-slayer-kimetsu-no-yaiba", 2, 2, "german-sub", true},
            {"kaguya-sama-love-is-war", 1, 2, "german-sub", true},
            {"jojos-bizarre-adventure", 6, 1, "english-sub", true},
            {"one-piece", 21, 1, "german-sub", true},
            {"demon-slayer-kimetsu-no-yaiba", 2, 1, "german-dub", true},
            {"kaguya-sama-love-is-war", 1, 1, "german-sub", true},
            {"naruto", 1, 219, "german-dub", true},
            {"only-gersub-show", 1, 3, "german-sub", true},
            {"only-gersub-show", 1, 2, "german-sub", true},
            {"only-gersub-show", 1, 1, "german-sub", true},
            {"rezero-starting-life-in-another-world", 3, 1, "english-sub", true},
        };
        ZonedDateTime newest = ZonedDateTime.now(BERLIN).truncatedTo(ChronoUnit.MINUTES).minusHours(1);
        List<ListedRelease> releases = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String slug = (String) rows[i][0];
            releases.add(new ListedRelease(slug, TITLES.get(slug), (Integer) rows[i][1], (Integer) rows[i][2],
                    (String) rows[i][3], (Boolean) rows[i][4], newest.minusMinutes(17L * i).toInstant()));
        }
        return List.copyOf(releases);
    }

    /** Site redirect ids of the listed episodes' Vidoza links, numbered from 80001. */
    private static Map<String, String> releasedRedirects() {
        Map<String, String> redirects = new LinkedHashMap<>();
        NEW_EPISODES.stream().filter(ListedRelease::offered)
                .map(r -> mediaId(r.slug(), r.season(), r.episode(), r.language())).distinct()
                .forEach(id -> redirects.put(String.valueOf(80_001 + redirects.size()), id));
        return Map.copyOf(redirects);
    }

    /** A loopback port nothing listens on: bound once by us, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for the dead host", e);
        }
    }
}
