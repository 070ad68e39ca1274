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
 * Luluvdo (luluvdo.com, luluvdoo.com): the embed page ({@code /e/{id}}, or the older
 * {@code /dl?op=embed&file_code={id}}) sets up a JWPlayer with the HLS playlist. Luluvdo serves its player to
 * mobile browsers, and its CDN checks Origin, Referer and the browser's languages.
 */
@Component(service = HosterResolver.class, configurationPid = LuluvdoResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + LuluvdoResolver.NAME)
@Designate(ocd = LuluvdoResolver.Config.class)
public class LuluvdoResolver extends JwPlayerResolver<LuluvdoResolver.Config> {

    static final String PID = "org.catalogarr.hoster.luluvdo";
    static final String NAME = "Luluvdo";

    /** A current phone browser: Luluvdo expects one, as the extractors that work with it send. */
    static final String MOBILE_USER_AGENT = "Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0";

    @ObjectClassDefinition(name = "Catalogarr hoster: Luluvdo", description = "Finds the HLS playlist on Luluvdo embed pages.")
    public @interface Config {
        @AttributeDefinition(name = "User agent",
                description = "Sent with the embed page and the video requests; Luluvdo wants a mobile browser.")
        String user__agent() default MOBILE_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for the embed page.",
                min = "1", max = "600")
        int timeout__seconds() default 20;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules(), Config::user__agent, Config::timeout__seconds);

    @Activate
    public LuluvdoResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }
}
