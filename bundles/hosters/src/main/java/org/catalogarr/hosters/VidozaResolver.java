package org.catalogarr.hosters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Vidoza (vidoza.net, videzz.net): the embed page names its MP4 either in a
 * {@code <source type="video/mp4">} tag or, in newer pages, in a {@code sourcesCode} script.
 */
@Component(service = HosterResolver.class, configurationPid = VidozaResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + VidozaResolver.NAME)
@Designate(ocd = VidozaResolver.Config.class)
public class VidozaResolver implements HosterResolver {

    static final String PID = "org.catalogarr.hoster.vidoza";
    static final String NAME = "Vidoza";

    /** A current desktop browser: the hoster serves its player page to browsers only. */
    static final String BROWSER_USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @ObjectClassDefinition(name = "Catalogarr hoster: Vidoza", description = "Finds the MP4 on Vidoza embed pages.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page and the video requests.")
        String user__agent() default BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for the embed page.", min = "1")
        int timeout__seconds() default 20;
    }

    private static final Pattern SOURCES_CODE =
            Pattern.compile("sourcesCode\\s*:\\s*\\[\\s*\\{[^}]*?\\bsrc\\s*:\\s*[\"']([^\"']+)[\"']");
    private static final String DELETED_MARKER = "File was deleted";

    private final String userAgent;
    private final Duration timeout;
    private final HttpClient client;

    @Activate
    public VidozaResolver(Config config) {
        this(config.user__agent(), Duration.ofSeconds(config.timeout__seconds()));
    }

    VidozaResolver(String userAgent, Duration timeout) {
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        HttpResponse<String> page = fetch(embed);
        int status = page.statusCode();
        if (status == 404 || status == 410 || page.body().contains(DELETED_MARKER)) {
            throw new HosterException(NAME + ": the file is gone (HTTP " + status + ") at " + embed, true);
        }
        if (status != 200) {
            throw new HosterException(NAME + ": HTTP " + status + " for " + embed, false);
        }
        URI pageUri = page.uri();
        String media = mediaUrl(Jsoup.parse(page.body(), pageUri.toString()))
                .orElseThrow(() -> new HosterException(NAME + ": no video/mp4 source on " + pageUri, false));
        return new MediaSource(pageUri.resolve(media),
                Map.of("Referer", origin(pageUri), "User-Agent", userAgent), MediaSource.Kind.MP4);
    }

    private HttpResponse<String> fetch(URI embed) throws HosterException {
        HttpRequest request = HttpRequest.newBuilder(embed).timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", "en-US,en;q=0.8,de;q=0.5")
                .GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HosterException(NAME + ": cannot load " + embed + ": " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HosterException(NAME + ": interrupted while loading " + embed, false, e);
        }
    }

    private static Optional<String> mediaUrl(Document page) {
        Element source = page.selectFirst("video source[type=video/mp4][src], source[type=video/mp4][src]");
        if (source != null && !source.attr("src").isBlank()) {
            return Optional.of(source.attr("src").strip());
        }
        for (Element script : page.select("script")) {
            Matcher match = SOURCES_CODE.matcher(script.data());
            if (match.find()) {
                return Optional.of(match.group(1).strip());
            }
        }
        return Optional.empty();
    }

    /** {@code scheme://host[:port]/}: hosters check that their media is requested from their own pages. */
    private static String origin(URI page) {
        return page.getScheme() + "://" + page.getRawAuthority() + "/";
    }
}
