package org.catalogarr.hosters;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Resolves hosters whose embed page sets up a JWPlayer with the media URL in plain sight:
 * {@code sources: [{file:"…m3u8"}]}, or in older pages {@code file: "…"}. They check the Referer of the page
 * and of every media request, playlists and segments alike.
 */
abstract class JwPlayerResolver<C> extends PageResolver<C> {

    private static final Pattern SOURCES =
            Pattern.compile("\\bsources\\s*:\\s*\\[\\s*\\{[^}]*?\\bfile\\s*:\\s*[\"']([^\"']+)[\"']");
    /** Only a video: the older setups name thumbnails and subtitles with {@code file:} too. */
    private static final Pattern FILE =
            Pattern.compile("\\bfile\\s*:\\s*[\"']([^\"']+\\.(?:m3u8|mp4)(?:\\?[^\"']*)?)[\"']");

    JwPlayerResolver(String hoster, DestinationPolicy destinations, Settings settings, HosterSettings<C> configuration,
            Map<String, ?> properties) {
        super(hoster, destinations, settings, configuration, properties);
    }

    /** Loads the embed page as if embedded by the hoster itself, and takes the player's media. */
    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        String origin = EmbedPages.origin(embed);
        EmbedPages.Player player = pages().load(embed, Map.of("Referer", origin + "/"));
        String raw = file(player.document()).orElseThrow(() -> pages().unreadable(player,
                "no JWPlayer setup with sources: [{file: \"…\"}] or file: \"….m3u8\" found"));
        URI media = pages().mediaUrl(player, raw, "the JWPlayer file");
        Map<String, String> headers = new HashMap<>(mediaHeaders(player.uri()));
        headers.put("Accept-Language", PageFetcher.ACCEPT_LANGUAGE);
        return new MediaSource(media, headers, EmbedPages.kindOf(media));
    }

    /** The media URL of the page's JWPlayer setup, as written. */
    static Optional<String> file(Document page) {
        for (Pattern pattern : List.of(SOURCES, FILE)) {
            for (Element script : page.select("script")) {
                Matcher match = pattern.matcher(script.data());
                if (match.find()) {
                    return Optional.of(match.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
