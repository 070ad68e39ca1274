package org.catalogarr.hosters;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

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

/**
 * Doodstream (dood.li/.la/.wf, d0000d, vide0.net, playmogo.com and more): the player page's script fetches
 * the start of the video link from {@code /pass_md5/…}, which answers only to a Referer from the player
 * page, and completes it as {@link DoodLink} does. The MP4 also wants the hoster's Referer.
 */
@Component(service = HosterResolver.class, configurationPid = DoodstreamResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + DoodstreamResolver.NAME)
@Designate(ocd = DoodstreamResolver.Config.class)
public class DoodstreamResolver extends PageResolver<DoodstreamResolver.Config> {

    static final String PID = "org.catalogarr.hoster.doodstream";
    static final String NAME = "Doodstream";

    @ObjectClassDefinition(name = "Catalogarr hoster: Doodstream", description = "Builds the MP4 link of Doodstream embed pages().")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page, pass_md5 and the MP4 requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)",
                description = "For connecting, for the embed page and for pass_md5.", min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);

    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();

    @Activate
    public DoodstreamResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        this(destinations, settings, properties, Clock.systemUTC());
    }

    DoodstreamResolver(DestinationPolicy destinations, Settings settings, Map<String, ?> properties, Clock clock) {
        super(NAME, destinations, settings, SETTINGS, properties);
        this.clock = clock;
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        URI playerPage = DoodLink.playerPage(embed);
        EmbedPages.Player player = pages().load(playerPage, Map.of("Referer", EmbedPages.origin(playerPage) + "/"));
        String body = player.page().body();
        String passMd5 = DoodLink.passMd5(body)
                .orElseThrow(() -> pages().unreadable(player, "no $.get('/pass_md5/…') call found"));
        URI passUrl = pages().mediaUrl(player, passMd5, "the pass_md5 path");
        PageFetcher.Page answer = fetcher().get(passUrl, Map.of("Referer", player.uri().toString()));
        if (answer.status() != 200) {
            throw new HosterException(NAME + ": HTTP " + answer.status() + " from " + passUrl + " for " + player.where(),
                    false);
        }
        String base = answer.body().strip();
        if (!DoodLink.isAbsoluteHttp(base)) {
            // "RELOAD" and the like: Doodstream refused this session, which another attempt may not repeat.
            throw new HosterException(NAME + ": " + passUrl + " answered no video URL but \""
                    + base.substring(0, Math.min(base.length(), 80)) + "\" for " + player.where(), false);
        }
        String link = DoodLink.link(base, DoodLink.randomPart(random), DoodLink.token(body, passMd5), clock.millis());
        URI media = pages().mediaUrl(player, link, "the link made from the pass_md5 answer");
        return new MediaSource(media, mediaHeaders(player.uri()), MediaSource.Kind.MP4);
    }
}
