package org.catalogarr.hosters;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * LoadX (loadx.ws): the embed URL redirects to the player page {@code /video/{hash}/…}, which sets the session
 * cookie {@code fireplayer_player}; its script then asks {@code /player/index.php?data={hash}&do=getVideo}, as
 * an XMLHttpRequest with that cookie, for JSON whose {@code videoSource} is the HLS playlist.
 */
@Component(service = HosterResolver.class, configurationPid = LoadXResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + LoadXResolver.NAME)
@Designate(ocd = LoadXResolver.Config.class)
public class LoadXResolver extends PageResolver<LoadXResolver.Config> {

    static final String PID = "org.catalogarr.hoster.loadx";
    static final String NAME = "LoadX";

    @ObjectClassDefinition(name = "Catalogarr hoster: LoadX", description = "Asks LoadX's player for the HLS playlist.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed pages, the player's getVideo request and the playlist requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)",
                description = "For connecting, for each page and for the getVideo request.", min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);

    private static final Pattern HASH = Pattern.compile("/video/([A-Za-z0-9]+)(?:/|$)");
    private static final String COOKIE = "fireplayer_player";
    private static final ObjectMapper JSON = new ObjectMapper();


    @Activate
    public LoadXResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        EmbedPages.Player player = pages().load(embed, Map.of());
        Matcher hash = HASH.matcher(player.uri().getRawPath() == null ? "" : player.uri().getRawPath());
        if (!hash.find()) {
            throw pages().unreadable(player, "no /video/{hash}/ in the player page's URL");
        }
        String session = player.cookie(COOKIE)
                .orElseThrow(() -> pages().unreadable(player, "no " + COOKIE + " cookie set on the way to the player"));
        String origin = EmbedPages.origin(player.uri());
        URI getVideo = URI.create(origin + "/player/index.php?data=" + hash.group(1) + "&do=getVideo");
        PageFetcher.Page answer = fetcher().post(getVideo, Map.of("X-Requested-With", "XMLHttpRequest",
                "Cookie", COOKIE + "=" + session, "Accept", "*/*", "Referer", player.uri().toString(), "Origin", origin));
        String where = getVideo + " (for " + player.where() + ")";
        EmbedPages.open(NAME, answer, where);
        String source = videoSource(answer.body());
        if (source.isBlank()) {
            throw new HosterException(NAME + ": the page layout changed, no videoSource in the JSON answer, at " + where,
                    false);
        }
        URI media = pages().mediaUrl(player, source, "the videoSource");
        Map<String, String> headers = new HashMap<>(mediaHeaders(player.uri()));
        headers.put("Accept", "*/*");
        return new MediaSource(media, headers, EmbedPages.kindOf(media));
    }

    /** The JSON answer's {@code videoSource}, or "" when the answer has none or is no JSON. */
    private static String videoSource(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer == null ? "" : answer.path("videoSource").asText("");
        } catch (JsonProcessingException notJson) {
            return "";
        }
    }
}
