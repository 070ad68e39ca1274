package org.catalogarr.core.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.core.catalogue.CatalogueEntry;
import org.catalogarr.core.catalogue.CatalogueRegistry;
import org.catalogarr.core.settings.Settings;
import org.catalogarr.core.settings.SettingsRules;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an episode through the offers of the job's own site: the wanted language's links, in the
 * configured hoster order, each resolved by the site (redirect → embed page) and by the hoster's
 * {@link HosterResolver} (embed page → media), until one delivers the file.
 */
@Component(service = DownloadEngine.class, configurationPid = CatalogueDownloadEngine.PID)
@Designate(ocd = CatalogueDownloadEngine.Config.class)
public class CatalogueDownloadEngine implements DownloadEngine {

    static final String PID = "org.catalogarr.download";

    @ObjectClassDefinition(name = "Catalogarr downloads", description = "How episodes are fetched from the hosters.")
    public @interface Config {
        @AttributeDefinition(name = "Hoster preference",
                description = "Hoster names to try first, most preferred first, comma separated; hosters not listed "
                        + "are tried afterwards in the site's order.")
        String hoster__preference() default "VOE, Filemoon, Streamtape, Vidmoly, Doodstream, LoadX, Luluvdo, Vidoza";

        @AttributeDefinition(name = "Timeout (seconds)",
                description = "For connecting to a media server, waiting for its answer, and waiting for more data in the"
                        + " middle of a file; a download that stalls longer is given up and resumed later.", min = "1")
        int timeout__seconds() default 30;
    }

    static final SettingsRules RULES = SettingsRules.none().range("timeout_seconds", 1, 3600);

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueDownloadEngine.class);

    private final CatalogueRegistry registry;
    private final List<HosterResolver> resolvers = new CopyOnWriteArrayList<>();
    private volatile HosterPreference preference;
    private volatile Mp4Fetcher mp4;
    private volatile HlsFetcher hls;
    /** Set when activated by DS; a configuration change is read through it. */
    private Settings settings;

    @Activate
    public CatalogueDownloadEngine(@Reference CatalogueRegistry registry, @Reference Settings settings,
            Map<String, Object> properties) {
        this(registry, settings.apply(PID, Config.class, RULES, properties));
        this.settings = settings;
    }

    private CatalogueDownloadEngine(CatalogueRegistry registry, Config config) {
        this(registry, HosterPreference.parse(config.hoster__preference()), Duration.ofSeconds(config.timeout__seconds()));
    }

    CatalogueDownloadEngine(CatalogueRegistry registry, HosterPreference preference, Duration timeout) {
        this.registry = registry;
        this.preference = preference;
        this.mp4 = new Mp4Fetcher(timeout);
        this.hls = new HlsFetcher(timeout);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Config config = settings.apply(PID, Config.class, RULES, properties);
        preference = HosterPreference.parse(config.hoster__preference());
        Duration timeout = Duration.ofSeconds(config.timeout__seconds());
        mp4 = new Mp4Fetcher(timeout);
        hls = new HlsFetcher(timeout);
    }

    @Reference(name = "resolver", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeResolver")
    void addResolver(HosterResolver resolver) {
        resolvers.add(resolver);
    }

    void removeResolver(HosterResolver resolver) {
        resolvers.remove(resolver);
    }

    @Override
    public List<Path> files(DownloadRequest request) {
        // Both fetchers name the finished fMP4 and plain MP4 alike; list each path once.
        LinkedHashSet<Path> files = new LinkedHashSet<>(Mp4Fetcher.files(request.folder(), request.name()));
        files.addAll(HlsFetcher.files(request.folder(), request.name()));
        return List.copyOf(files);
    }

    @Override
    public Path download(DownloadRequest request, Progress progress) throws DownloadException, InterruptedException {
        String episode = describe(request);
        checkFileName(request, episode);
        CatalogueProvider provider = provider(request, episode);
        EpisodeOffers offers = offers(provider, request, episode);
        List<Offer> wanted = offers.offers().stream().filter(o -> o.language() == request.language()).toList();
        if (wanted.isEmpty()) {
            throw new DownloadException(episode + " is not offered in " + request.language().code() + "; the site offers: "
                    + offered(offers), false, null);
        }
        List<String> tried = new ArrayList<>();
        boolean temporary = false;
        Exception lastCause = null;
        for (Offer offer : preference.order(wanted)) {
            Optional<HosterResolver> resolver = resolverFor(offer.hoster());
            if (resolver.isEmpty()) {
                tried.add(offer.hoster() + ": no resolver for this hoster is installed");
                continue;
            }
            try {
                Path file = attempt(provider, resolver.get(), offer, request, progress);
                LOG.info("Downloaded {} from {} to {}", episode, offer.hoster(), file);
                discardLeftovers(request, file);
                return file;
            } catch (OfferFailure failure) {
                LOG.warn("{}: {}", episode, failure.getMessage());
                tried.add(failure.getMessage());
                temporary |= failure.temporary;
                lastCause = failure;
            }
        }
        throw new DownloadException("No hoster delivered " + episode + " in " + request.language().code() + ". Tried "
                + String.join("; ", tried), temporary, lastCause);
    }

    private static void checkFileName(DownloadRequest request, String episode) throws DownloadException {
        try {
            FileNames.sanitise(request.name());
        } catch (IllegalArgumentException e) {
            throw new DownloadException("Cannot name the file of " + episode + ": " + e.getMessage(), false, e);
        }
    }

    private CatalogueProvider provider(DownloadRequest request, String episode) throws DownloadException {
        // Only the job's own site: another site's copy of the episode may be cut or numbered differently.
        CatalogueEntry entry = registry.snapshot().entry(request.siteId()).orElseThrow(() -> new DownloadException(
                "Site '" + request.siteId() + "' is not installed, so " + episode + " cannot be fetched", true, null));
        if (!entry.enabled()) {
            throw new DownloadException("Site '" + request.siteId() + "' is disabled, so " + episode + " is not fetched",
                    true, null);
        }
        return entry.provider();
    }

    private static EpisodeOffers offers(CatalogueProvider provider, DownloadRequest request, String episode)
            throws DownloadException {
        try {
            return provider.offers(request.slug(), request.season(), request.episode());
        } catch (CatalogueException e) {
            boolean retryable = e.reason() != CatalogueException.Reason.NOT_FOUND;
            throw new DownloadException("Cannot read the links of " + episode + ": " + e.getMessage(), retryable, e);
        }
    }

    private Path attempt(CatalogueProvider provider, HosterResolver resolver, Offer offer, DownloadRequest request,
            Progress progress) throws OfferFailure, DownloadException, InterruptedException {
        URI embed;
        try {
            embed = provider.resolve(offer.redirect());
        } catch (CatalogueException e) {
            throw new OfferFailure(offer.hoster() + ": site link " + offer.redirect() + " failed: " + e.getMessage(),
                    e.reason() != CatalogueException.Reason.NOT_FOUND, e);
        }
        MediaSource media;
        try {
            media = resolver.resolve(embed);
        } catch (HosterException e) {
            stopIfInterrupted();
            // Hoster messages name the hoster themselves.
            throw new OfferFailure(e.getMessage(), !e.gone(), e);
        }
        stopIfInterrupted();
        // The offer, not the media URL: hosters hand out new, expiring URLs on every resolve, and a part
        // file of this offer should still be continued with them.
        String origin = offer.hoster() + " " + offer.redirect();
        try {
            return switch (media.kind()) {
                case MP4 -> mp4.fetch(media, request.target(), request.name(), origin, progress);
                case HLS -> hls.fetch(media, request.target(), request.name(), origin, progress);
            };
        } catch (UnsafeFolderException e) {
            // Not the offer's fault: every other offer would write to the same place.
            throw new DownloadException(e.getMessage(), false, e);
        } catch (MediaGoneException | UnusableMediaException e) {
            throw new OfferFailure(offer.hoster() + ": " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new OfferFailure(offer.hoster() + ": " + e.getMessage(), true, e);
        }
    }

    /** Part files of offers that failed before the one that delivered would otherwise stay in the folder for good. */
    private void discardLeftovers(DownloadRequest request, Path file) {
        for (Path leftover : files(request)) {
            if (!leftover.equals(file) && leftover.getFileName().toString().contains(".part")) {
                try {
                    Files.deleteIfExists(leftover);
                } catch (IOException e) {
                    LOG.warn("Could not delete the leftover {}: {}", leftover, e.getMessage());
                }
            }
        }
    }

    /** Resolvers swallow interrupts into a failure with the flag set again; a cancelled job must not try further. */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("download interrupted");
        }
    }

    private Optional<HosterResolver> resolverFor(String hoster) {
        String key = HosterPreference.key(hoster);
        return resolvers.stream().filter(r -> HosterPreference.key(r.name()).equals(key)).findFirst();
    }

    private static String offered(EpisodeOffers offers) {
        Set<String> codes = new TreeSet<>();
        offers.languages().forEach(language -> codes.add(language.code()));
        offers.offers().forEach(offer -> codes.add(offer.language().code()));
        return codes.isEmpty() ? "nothing" : codes.stream().collect(Collectors.joining(", "));
    }

    private static String describe(DownloadRequest request) {
        return String.format("%s %s S%02dE%02d", request.siteId(), request.slug(), request.season(), request.episode());
    }

    /** Why one offer did not deliver, and whether trying it later may help. */
    private static final class OfferFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean temporary;

        OfferFailure(String message, boolean temporary, Throwable cause) {
            super(message, cause);
            this.temporary = temporary;
        }
    }
}
