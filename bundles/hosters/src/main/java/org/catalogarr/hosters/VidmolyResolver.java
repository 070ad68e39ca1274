package org.catalogarr.hosters;

import java.net.URI;
import java.time.Duration;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Vidmoly (vidmoly.to/.me/.net/.biz): the embed page, loaded with a Referer, sets up a JWPlayer with the
 * HLS playlist; the CDN wants the hoster's Referer on the playlist and on every segment.
 */
@Component(service = HosterResolver.class, configurationPid = VidmolyResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + VidmolyResolver.NAME)
@Designate(ocd = VidmolyResolver.Config.class)
public class VidmolyResolver implements HosterResolver {

    static final String PID = "org.catalogarr.hoster.vidmoly";
    static final String NAME = "Vidmoly";

    @ObjectClassDefinition(name = "Catalogarr hoster: Vidmoly", description = "Finds the HLS playlist on Vidmoly embed pages.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page and the video requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for each page.", min = "1")
        int timeout__seconds() default 20;
    }

    private final JwPlayerEmbeds embeds;

    @Activate
    public VidmolyResolver(Config config) {
        this(config.user__agent(), Duration.ofSeconds(config.timeout__seconds()));
    }

    VidmolyResolver(String userAgent, Duration timeout) {
        this.embeds = new JwPlayerEmbeds(NAME, userAgent, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        return embeds.resolve(embed);
    }
}
