package org.catalogarr.hosters;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hosters.VoeDecoder.UndecodableException;
import org.catalogarr.settings.Settings;
import org.jsoup.nodes.Document;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * VOE (voe.sx and its rotating mirror domains): the embed URL usually leads, by script or HTTP redirect, to
 * the same embed path on a mirror, whose player page carries the media URLs obfuscated (see
 * {@link VoeDecoder}). The result is the MP4 when VOE allows direct access, else the HLS playlist.
 */
@Component(service = HosterResolver.class, configurationPid = VoeResolver.PID,
        property = HosterResolver.HOSTER_NAME_PROPERTY + "=" + VoeResolver.NAME)
@Designate(ocd = VoeResolver.Config.class)
public class VoeResolver extends PageResolver<VoeResolver.Config> {

    static final String PID = "org.catalogarr.hoster.voe";
    static final String NAME = "VOE";

    @ObjectClassDefinition(name = "Catalogarr hoster: VOE",
            description = "Follows VOE's redirects to its current mirror and decodes the player data there.")
    public @interface Config {
        @AttributeDefinition(name = "User agent", description = "Sent with the embed pages and the video requests.")
        String user__agent() default VidozaResolver.BROWSER_USER_AGENT;

        @AttributeDefinition(name = "Timeout (seconds)", description = "For connecting and for each embed page.",
                min = "1", max = "600")
        int timeout__seconds() default 20;

        @AttributeDefinition(name = "Redirect hops",
                description = "How many redirects (script or HTTP) to follow from the embed URL to the player page.",
                min = "0", max = "20")
        int max__redirects() default 5;

        @AttributeDefinition(name = "Junk separators",
                description = "Comma-separated strings VOE inserts into its player data to break decoders; change "
                        + "them when VOE does. None may contain letters, digits, +, / or =.")
        String junk__separators() default VoeDecoder.DEFAULT_SEPARATOR_SETTING;
    }

    private static final HosterSettings<Config> SETTINGS = new HosterSettings<>(PID, Config.class,
            HosterSettings.browserRules().range("max_redirects", 0, 20)
                    .check("junk_separators", separators -> VoeDecoder.acceptable(VoeDecoder.parseSeparators(
                            separators.toString())), "must not contain letters, digits, +, / or ="),
            Config::user__agent, Config::timeout__seconds);

    @Activate
    public VoeResolver(@Reference DestinationPolicy destinations, @Reference Settings settings,
            Map<String, Object> properties) {
        super(NAME, destinations, settings, SETTINGS, properties);
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        Config config = config();
        int maxRedirects = config.max__redirects();
        VoePlayerPage players =
                new VoePlayerPage(new VoeDecoder(VoeDecoder.parseSeparators(config.junk__separators())));
        URI url = embed;
        URI from = null;
        for (int hops = 0;; hops++) {
            PageFetcher.Page page = fetcher().fetch(url, from);
            Step step = read(page, embed, players);
            if (step.media() != null) {
                return step.media();
            }
            if (hops == maxRedirects) {
                throw new HosterException(NAME + ": still redirected after " + maxRedirects + " hops from " + embed
                        + ", next to " + step.next(), false);
            }
            from = url;
            url = step.next();
        }
    }

    /** What one page gave: the media, or the next page to load. */
    private record Step(MediaSource media, URI next) {
    }

    private Step read(PageFetcher.Page page, URI embed, VoePlayerPage players) throws HosterException {
        String where = EmbedPages.where(page.uri(), embed);
        if (EmbedPages.isRedirect(page)) {
            return new Step(null, EmbedPages.location(NAME, page, where));
        }
        Document document = EmbedPages.open(NAME, page, where);
        UndecodableException undecodable = null;
        try {
            Optional<VoePlayerPage.Media> media = players.playerData(document);
            if (media.isPresent()) {
                return new Step(source(media.get(), page.uri()), null);
            }
        } catch (UndecodableException e) {
            undecodable = e;
        }
        Optional<URI> hop = undecodable == null ? VoeRedirect.next(document, page.uri()) : Optional.empty();
        if (hop.isPresent()) {
            return new Step(null, hop.get());
        }
        Optional<URI> bareHls = VoePlayerPage.bareHls(page.body());
        if (bareHls.isPresent()) {
            return new Step(source(new VoePlayerPage.Media(bareHls.get(), MediaSource.Kind.HLS), page.uri()), null);
        }
        throw EmbedPages.unreadable(NAME, page, document, where,
                undecodable != null ? undecodable.getMessage() : "no player data, redirect or .m3u8 URL found");
    }

    private MediaSource source(VoePlayerPage.Media media, URI playerPage) {
        return new MediaSource(media.uri(), mediaHeaders(playerPage), media.kind());
    }
}
