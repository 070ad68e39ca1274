package org.catalogarr.hosters;

import java.util.Map;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
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
public class VidmolyResolver extends JwPlayerResolver<VidmolyResolver.Config> {

    static final String PID = "org.catalogarr.hoster.vidmoly";
    static final String NAME = "Vidmoly";

    @ObjectClassDefinition(name = "Catalogarr hoster: Vidmoly", description = "Finds the HLS playlist on Vidmoly embed pages.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed page and the playlist and segment requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for the embed page.",
                min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);

    @Activate
    public VidmolyResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }
}
