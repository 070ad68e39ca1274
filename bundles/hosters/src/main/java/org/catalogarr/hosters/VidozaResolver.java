package org.catalogarr.hosters;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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
public class VidozaResolver extends PageResolver<VidozaResolver.Config> {

    static final String PID = "org.catalogarr.hoster.vidoza";
    static final String NAME = "Vidoza";

    /** A current desktop browser: the hoster serves its player page to browsers only. */
    static final String BROWSER_USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @ObjectClassDefinition(name = "Catalogarr hoster: Vidoza", description = "Finds the MP4 on Vidoza embed pages.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page and the video requests.")
        String user__agent() default BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for the embed page.",
                min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);

    private static final Pattern SOURCES_CODE =
            Pattern.compile("sourcesCode\\s*:\\s*\\[\\s*\\{[^}]*?\\bsrc\\s*:\\s*[\"']([^\"']+)[\"']");

    @Activate
    public VidozaResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }

    /** The embed page through its redirects, bounded like every hoster page, and its {@code video/mp4} source. */
    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        EmbedPages.Player player = pages().load(embed, Map.of());
        String raw = mediaUrl(player.document())
                .orElseThrow(() -> pages().unreadable(player, "no video/mp4 source"));
        URI media = pages().mediaUrl(player, raw, "the video/mp4 source");
        return new MediaSource(media, mediaHeaders(player.uri()), MediaSource.Kind.MP4);
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

}
