package org.catalogarr.hosters;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Loads a hoster's player page through its HTTP redirects and tells, when a page holds no player, why:
 * the file is gone, the hoster is down for now, or the hoster changed its pages. Hosters answer all three
 * with ordinary-looking pages, and only the first means that retrying is pointless.
 */
final class EmbedPages {

    /** Real player pages are a few hundred KB; anything far beyond is not one. */
    static final int MAX_PAGE_BYTES = 4 * 1024 * 1024;
    /** Hosters move embed pages between their domains by a redirect or two; more is a loop. */
    static final int MAX_REDIRECTS = 5;

    private static final List<String> DELETED_MARKERS =
            List.of("file not found", "file was deleted", "video not found", "has been deleted", "no longer available");
    /** Not "challenge-platform": Cloudflare puts that script into ordinary pages too. */
    private static final List<String> CHALLENGE_MARKERS = List.of("cf-turnstile", "_cf_chl_opt", "g-recaptcha", "grecaptcha");

    /**
     * A page that answered 200, parsed.
     *
     * @param chain every answer from the embed URL on, the redirects first and the page itself last
     */
    record Player(URI embed, List<PageFetcher.Page> chain, Document document) {

        PageFetcher.Page page() {
            return chain.get(chain.size() - 1);
        }

        URI uri() {
            return page().uri();
        }

        /** The page's URL for messages, with the embed URL it came from when a redirect led there. */
        String where() {
            return EmbedPages.where(uri(), embed);
        }

        /** A cookie set by any answer on the way, the latest one winning, as a browser keeps it. */
        Optional<String> cookie(String name) {
            String value = null;
            for (PageFetcher.Page answer : chain) {
                for (String header : answer.headers().allValues("Set-Cookie")) {
                    value = parseCookie(header, name).orElse(value);
                }
            }
            return Optional.ofNullable(value);
        }
    }

    private final String hoster;
    private final PageFetcher pages;

    EmbedPages(String hoster, PageFetcher pages) {
        this.hoster = hoster;
        this.pages = pages;
    }

    /**
     * GETs a player page, following up to {@link #MAX_REDIRECTS} HTTP redirects, each with the page before as
     * its Referer.
     *
     * @param headers sent with the first request only, as a browser sends the embedding site's Referer
     * @throws HosterException gone on 404 and 410, else not gone: other errors, too many redirects
     */
    Player load(URI embed, Map<String, String> headers) throws HosterException {
        List<PageFetcher.Page> chain = new ArrayList<>();
        PageFetcher.Page page = pages.get(embed, headers);
        chain.add(page);
        while (isRedirect(page)) {
            if (chain.size() > MAX_REDIRECTS) {
                throw new HosterException(hoster + ": still redirected after " + MAX_REDIRECTS + " hops from " + embed,
                        false);
            }
            URI next = location(hoster, page, where(page.uri(), embed));
            page = pages.fetch(next, page.uri());
            chain.add(page);
        }
        return new Player(embed, List.copyOf(chain), open(hoster, page, where(page.uri(), embed)));
    }

    /**
     * Why a player page lacks what the resolver looks for: the hoster is down for now (maintenance, a
     * challenge), the file is gone (the page says so), or else the hoster changed its pages.
     *
     * @param missing what was not found, for the operator who has to adapt the resolver
     */
    HosterException unreadable(Player player, String missing) {
        return unreadable(hoster, player.page(), player.document(), player.where(), missing);
    }

    /**
     * A media URL as the player page names it, resolved against the page.
     *
     * @param source what named it, for the message when it is no http(s) URL: then the hoster changed its pages
     */
    URI mediaUrl(Player player, String raw, String source) throws HosterException {
        return httpUrl(raw, player.uri()).orElseThrow(() -> new HosterException(hoster + ": the page layout changed, "
                + source + " \"" + raw + "\" is no http(s) URL, at " + player.where(), false));
    }

    /** As {@link #unreadable(Player, String)}, for a page loaded otherwise. */
    static HosterException unreadable(String hoster, PageFetcher.Page page, Document document, String where,
            String missing) {
        Optional<String> trouble = trouble(page, document);
        if (trouble.isPresent()) {
            return new HosterException(hoster + ": " + trouble.get() + " at " + where, false);
        }
        if (isDeletedNotice(document)) {
            return new HosterException(hoster + ": the file is gone (\"" + document.title() + "\") at " + where, true);
        }
        return new HosterException(hoster + ": the page layout changed, " + missing + ", at " + where, false);
    }

    /**
     * The page parsed, when it answered 200.
     *
     * @throws HosterException gone on 404 and 410, else not gone, naming maintenance or a challenge if the page
     *     shows one
     */
    static Document open(String hoster, PageFetcher.Page page, String where) throws HosterException {
        int status = page.status();
        if (status == 404 || status == 410) {
            throw new HosterException(hoster + ": the file is gone (HTTP " + status + ") at " + where, true);
        }
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        if (status != 200) {
            throw new HosterException(hoster + ": " + trouble(page, document).orElse("HTTP " + status) + " at " + where,
                    false);
        }
        return document;
    }

    static boolean isRedirect(PageFetcher.Page page) {
        return page.status() >= 300 && page.status() < 400;
    }

    /** Where a redirect leads, resolved against the page. */
    static URI location(String hoster, PageFetcher.Page page, String where) throws HosterException {
        String location = page.headers().firstValue("Location").orElse("").strip();
        if (location.isEmpty()) {
            throw new HosterException(hoster + ": HTTP " + page.status() + " without a Location at " + where, false);
        }
        try {
            return page.uri().resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HosterException(hoster + ": HTTP " + page.status() + " to no valid Location (\"" + location
                    + "\") at " + where, false);
        }
    }

    /** A page's URL for messages, with the embed URL it came from when a redirect led there. */
    static String where(URI page, URI embed) {
        return page.equals(embed) ? page.toString() : page + " (from " + embed + ")";
    }

    /** {@code scheme://host[:port]}: hosters check that their media is requested from their own pages. */
    static String origin(URI page) {
        return page.getScheme() + "://" + page.getRawAuthority();
    }

    /** What every request for a hoster's media sends: hosters refuse requests that come from other pages. */
    static Map<String, String> mediaHeaders(String userAgent, URI playerPage) {
        String origin = origin(playerPage);
        return Map.of("User-Agent", userAgent, "Referer", origin + "/", "Origin", origin);
    }

    /** A media URL as a page names it (relative, protocol-relative or absolute), when it is an http(s) URL. */
    static Optional<URI> httpUrl(String raw, URI page) {
        URI url;
        try {
            // Scripts often write JSON-escaped URLs (https:\/\/…).
            url = page.resolve(new URI(raw.strip().replace("\\/", "/")));
        } catch (URISyntaxException | IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null ? Optional.of(url)
                : Optional.empty();
    }

    /** HLS when the URL names a playlist, else one MP4 file. */
    static MediaSource.Kind kindOf(URI media) {
        String path = media.getPath() == null ? "" : media.getPath().toLowerCase(Locale.ROOT);
        return path.endsWith(".m3u8") ? MediaSource.Kind.HLS : MediaSource.Kind.MP4;
    }

    /** Why a page is down for now, when it says so: maintenance, or an anti-bot challenge. */
    private static Optional<String> trouble(PageFetcher.Page page, Document document) {
        String status = " (HTTP " + page.status() + ")";
        String title = document.title().toLowerCase(Locale.ROOT);
        if (title.contains("maintenance")) {
            return Optional.of("the hoster is in maintenance mode" + status);
        }
        boolean challenge = page.headers().firstValue("cf-mitigated").filter("challenge"::equalsIgnoreCase).isPresent()
                || title.contains("just a moment") || title.contains("attention required")
                || CHALLENGE_MARKERS.stream().anyMatch(page.body()::contains);
        return challenge ? Optional.of("a Cloudflare/captcha challenge instead of the player" + status) : Optional.empty();
    }

    private static boolean isDeletedNotice(Document document) {
        String visible = (document.title() + " " + document.body().text()).toLowerCase(Locale.ROOT);
        return DELETED_MARKERS.stream().anyMatch(visible::contains);
    }

    private static Optional<String> parseCookie(String header, String name) {
        try {
            return HttpCookie.parse(header).stream().filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst();
        } catch (IllegalArgumentException malformed) {
            // A cookie the browser would drop as well; the others still count.
            return Optional.empty();
        }
    }
}
