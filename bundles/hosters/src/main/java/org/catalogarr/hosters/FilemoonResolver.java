package org.catalogarr.hosters;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hosters.FilemoonPlayback.PlaybackException;
import org.catalogarr.hosters.JsUnpacker.UnpackException;
import org.catalogarr.settings.Settings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Filemoon (filemoon.to/.sx/.site and its 2025+ "Byse" domains). Newer hosts answer
 * {@code /api/videos/{code}} with the media encrypted (see {@link FilemoonPlayback}); older ones embed an
 * iframe whose packed script (see {@link JsUnpacker}) sets up the player with the HLS playlist. The API is
 * asked first when the embed URL names a code, the page is read when the API gives nothing.
 */
@Component(service = HosterResolver.class, configurationPid = FilemoonResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + FilemoonResolver.NAME)
@Designate(ocd = FilemoonResolver.Config.class)
public class FilemoonResolver extends PageResolver<FilemoonResolver.Config> {

    static final String PID = "org.catalogarr.hoster.filemoon";
    static final String NAME = "Filemoon";
    static final String DEFAULT_REFERER_ORIGIN = "https://filemoon.to";

    /** Filemoon moves its files between domains with HTTP redirects, one or two at a time. */
    static final int MAX_REDIRECTS = 5;

    @ObjectClassDefinition(name = "Catalogarr hoster: Filemoon",
            description = "Asks Filemoon's video API, else unpacks the player script of the embed page's iframe.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the pages, the API and the video requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for each page or API answer.",
                min = "1", max = "600")
        int timeout__seconds() default 20;

        @AttributeDefinition(name = "Referer origin",
                description = "The origin the video requests name as Referer and Origin, as Filemoon's CDN expects;"
                        + " empty: the origin of the page that named the video.")
        String referer__origin() default DEFAULT_REFERER_ORIGIN;
    }

    private static final Pattern CODE_PATH = Pattern.compile("/[ed]/([A-Za-z0-9]{1,64})(?:/.*)?");
    private static final Pattern SOURCES_FILE =
            Pattern.compile("sources\\s*:\\s*\\[\\s*\\{[^}]{0,2000}?\\bfile\\s*:\\s*[\"']([^\"']{1,2048})[\"']");
    private static final List<String> CHALLENGE_MARKERS = List.of("cf-turnstile", "_cf_chl_opt", "g-recaptcha");
    /** Whole phrases: titles carry the file name, which may well contain "deleted" or "not found". */
    private static final List<String> GONE_MARKERS = List.of("file not found", "video not found", "page not found",
            "file was deleted", "has been deleted", "no longer available");
    private static final String SPA_SHELL_MARKER = "Byse Frontend";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules().check("referer_origin", origin -> isRefererOrigin(origin.toString()),
                    "must be empty or an http(s) origin such as " + DEFAULT_REFERER_ORIGIN),
            Config::user__agent, Config::timeout__seconds);

    @Activate
    public FilemoonResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }

    /** Whether the setting is empty or names an http(s) origin, as {@link #refererOrigin} needs. */
    private static boolean isRefererOrigin(String setting) {
        try {
            refererOrigin(setting);
            return true;
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }

    /** The origin the CDN wants as Referer, or empty for the origin of the player page. */
    private static Optional<String> refererOrigin(String setting) {
        return setting.isBlank() ? Optional.empty() : Optional.of(origin(URI.create(setting.strip())));
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        Matcher code = CODE_PATH.matcher(embed.getRawPath() == null ? "" : embed.getRawPath());
        // Other URLs go straight to the page, whose loader reports what is wrong with them.
        boolean http = "http".equalsIgnoreCase(embed.getScheme()) || "https".equalsIgnoreCase(embed.getScheme());
        ApiAnswer api = http && embed.getRawAuthority() != null && code.matches() ? api(embed, code.group(1))
                : ApiAnswer.NOT_ASKED;
        if (api.media() != null) {
            return api.media();
        }
        return legacy(embed, api);
    }

    /** What the API gave: the media, or why not and whether it said the file does not exist. */
    private record ApiAnswer(MediaSource media, String failure, boolean gone) {

        static final ApiAnswer NOT_ASKED = new ApiAnswer(null, null, false);

        static ApiAnswer failed(String failure, boolean gone) {
            return new ApiAnswer(null, failure, gone);
        }

        /** The API's failure as a clause to add to the page's, so the log tells the whole story. */
        String note() {
            return failure == null ? "" : "; the API gave no media either: " + failure;
        }
    }

    private ApiAnswer api(URI embed, String code) throws HosterException {
        PageFetcher.Page answer = fetch(URI.create(origin(embed) + "/api/videos/" + code), embed, ApiAnswer.NOT_ASKED);
        URI url = answer.uri();
        int status = answer.status();
        if (status == 404 || status == 410) {
            return ApiAnswer.failed("HTTP " + status + " at " + url, true);
        }
        if (status != 200) {
            return ApiAnswer.failed("HTTP " + status + " at " + url, false);
        }
        JsonNode data;
        try {
            data = JSON.readTree(answer.body());
        } catch (IOException e) {
            return ApiAnswer.failed("no JSON at " + url, false);
        }
        JsonNode playback = data == null ? null : data.get("playback");
        if (playback == null || !playback.isObject()) {
            String message = data == null ? "" : data.path("error").asText(data.path("message").asText(""));
            return ApiAnswer.failed("no playback at " + url + (message.isBlank() ? "" : " (\"" + message + "\")"),
                    message.toLowerCase(Locale.ROOT).contains("not found"));
        }
        try {
            return new ApiAnswer(source(FilemoonPlayback.mediaUrl(playback, url), url), null, false);
        } catch (PlaybackException e) {
            return ApiAnswer.failed(e.getMessage() + " at " + url, false);
        }
    }

    private MediaSource legacy(URI embed, ApiAnswer api) throws HosterException {
        PageFetcher.Page page = fetch(embed, null, api);
        Document document = checked(page, api);
        Element iframe = document.selectFirst("#iframe-holder iframe[src]");
        PageFetcher.Page player = page;
        if (iframe != null) {
            player = fetch(resolve(page.uri(), iframe.attr("src"), "player iframe", api), page.uri(), api);
            checked(player, api);
        } else if (page.body().contains(SPA_SHELL_MARKER) && !JsUnpacker.hasPackedBlock(page.body())) {
            throw new HosterException(NAME + ": the page gives no media (SPA shell \"" + SPA_SHELL_MARKER
                    + "\" without data) at " + page.uri() + api.note(), api.gone());
        }
        return source(packedMedia(player, api), player.uri());
    }

    /** A page or API answer, after the HTTP redirects that lead to it. */
    private PageFetcher.Page fetch(URI url, URI referer, ApiAnswer api) throws HosterException {
        PageFetcher.Page page = fetcher().fetch(url, referer);
        for (int hops = 0; page.status() >= 300 && page.status() < 400; hops++) {
            String location = page.headers().firstValue("Location").orElse("").strip();
            if (location.isEmpty() || hops == MAX_REDIRECTS) {
                throw new HosterException(NAME + ": HTTP " + page.status() + (location.isEmpty() ? " without a Location"
                        : " still after " + MAX_REDIRECTS + " redirects") + " at " + page.uri() + api.note(), false);
            }
            page = fetcher().fetch(resolve(page.uri(), location, "redirect", api), referer);
        }
        return page;
    }

    /** The page as a document once it is known to be a player page, or why it is none. */
    private static Document checked(PageFetcher.Page page, ApiAnswer api) throws HosterException {
        int status = page.status();
        if (status == 404 || status == 410) {
            throw new HosterException(NAME + ": the file is gone (HTTP " + status + ") at " + page.uri(), true);
        }
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        String title = document.title().toLowerCase(Locale.ROOT);
        String reason = null;
        if (title.contains("maintenance")) {
            reason = "the hoster is in maintenance mode";
        } else if (page.headers().firstValue("cf-mitigated").isPresent() || title.contains("just a moment")
                || CHALLENGE_MARKERS.stream().anyMatch(page.body()::contains)) {
            reason = "a Cloudflare/captcha challenge instead of the player";
        } else if (status != 200) {
            reason = "an error page instead of the player";
        }
        if (reason != null) {
            throw new HosterException(NAME + ": " + reason + " (HTTP " + status + ") at " + page.uri() + api.note(), false);
        }
        Element heading = document.selectFirst("h1");
        String headline = (title + " " + (heading == null ? "" : heading.text())).toLowerCase(Locale.ROOT);
        if (GONE_MARKERS.stream().anyMatch(headline::contains)) {
            throw new HosterException(NAME + ": the file is gone (\"" + document.title() + "\") at " + page.uri(), true);
        }
        return document;
    }

    /** The playlist named by {@code sources:[{file:"…"}]} in the page's packed player script. */
    private static URI packedMedia(PageFetcher.Page player, ApiAnswer api) throws HosterException {
        List<String> scripts;
        try {
            scripts = JsUnpacker.unpackAll(player.body());
        } catch (UnpackException e) {
            throw new HosterException(NAME + ": cannot unpack the player script: " + e.getMessage() + ", at "
                    + player.uri() + api.note(), false);
        }
        for (String script : scripts) {
            Matcher file = SOURCES_FILE.matcher(script);
            if (file.find()) {
                try {
                    return FilemoonPlayback.httpUrl(file.group(1), player.uri());
                } catch (PlaybackException e) {
                    throw new HosterException(NAME + ": the unpacked player script names " + e.getMessage() + ", at "
                            + player.uri() + api.note(), false);
                }
            }
        }
        throw new HosterException(NAME + ": the page layout changed, the unpacked player script has no sources:[{file:…}]"
                + ", at " + player.uri() + api.note(), false);
    }

    private static URI resolve(URI page, String target, String what, ApiAnswer api) throws HosterException {
        try {
            return page.resolve(new URI(target.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HosterException(NAME + ": the " + what + " names no valid URL (\"" + target + "\") at " + page
                    + api.note(), false);
        }
    }

    /** The CDN refuses requests without Filemoon's origin as Referer and Origin. */
    private MediaSource source(URI media, URI page) {
        String origin = refererOrigin(config().referer__origin()).orElseGet(() -> origin(page));
        return new MediaSource(media, Map.of("User-Agent", userAgent(), "Referer", origin + "/", "Origin", origin),
                MediaSource.Kind.HLS);
    }

    private static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an http(s) origin: " + url);
        }
        return scheme + "://" + url.getRawAuthority();
    }
}
