package org.catalogarr.hosters;

import java.net.URI;
import java.util.Map;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.jsoup.nodes.Element;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Streamtape (streamtape.com, streamta.pe, strtape.tech, watchadsontape.com): the player page's script
 * computes a {@code get_video} link (see {@link StreamtapeLink}); with {@code &stream=1} that link answers
 * with a redirect to the MP4 on Streamtape's CDN, which the download engine follows.
 */
@Component(service = HosterResolver.class, configurationPid = StreamtapeResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + StreamtapeResolver.NAME)
@Designate(ocd = StreamtapeResolver.Config.class)
public class StreamtapeResolver extends PageResolver<StreamtapeResolver.Config> {

    static final String PID = "org.catalogarr.hoster.streamtape";
    static final String NAME = "Streamtape";

    @ObjectClassDefinition(name = "Catalogarr hoster: Streamtape", description = "Finds the MP4 link on Streamtape embed pages().")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page, the get_video link and the MP4 requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for the embed page.",
                min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);


    @Activate
    public StreamtapeResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        EmbedPages.Player player = pages().load(embed, Map.of());
        String link = null;
        for (Element script : player.document().select("script")) {
            link = StreamtapeLink.robotlink(script.data()).orElse(link);
        }
        if (link == null) {
            throw pages().unreadable(player, "no script that computes #robotlink"
                    + " (document.getElementById('robotlink').innerHTML = '…' + ('…').substring(n)…) found");
        }
        // The player asks for the stream rather than the download page; only then does the link redirect to the MP4.
        URI media = pages().mediaUrl(player, link + "&stream=1", "the #robotlink link");
        return new MediaSource(media, mediaHeaders(player.uri()), MediaSource.Kind.MP4);
    }
}
