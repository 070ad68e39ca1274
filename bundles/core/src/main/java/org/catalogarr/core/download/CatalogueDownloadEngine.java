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
import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hoster.api.RefusedDestinationException;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
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
import org.osgi.service.metatype.annotations.Option;
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

    @ObjectClassDefinition(name = "Catalogarr download transfers",
            description = "How episodes are fetched from the hosters.")
    public @interface Config {
        @AttributeDefinition(name = "Hoster preference",
                description = "Hoster names to try first, most preferred first, comma separated; hosters not listed "
                        + "are tried afterwards in the site's order.")
        String hoster__preference() default "VOE, Filemoon, Streamtape, Vidmoly, Doodstream, LoadX, Luluvdo, Vidoza";

        @AttributeDefinition(name = "Timeout (seconds)",
                description = "For connecting to a media server, waiting for its answer, and waiting for more data in the"
                        + " middle of a file; a download that stalls longer is given up and resumed later. Playlists"
                        + " and keys must arrive whole within it.", min = "1")
        int timeout__seconds() default 30;

        @AttributeDefinition(name = "Minimum rate (KiB/s)",
                description = "A download slower than this over a whole rate window counts as stalled: it is given up"
                        + " and resumed later, so a server that drips its bytes cannot hold a download slot. 0 turns"
                        + " the check off.", min = "0")
        int min__rate__kib__per__second() default 4;

        @AttributeDefinition(name = "Rate window (seconds)",
                description = "How long a download must stay below the minimum rate to count as stalled.", min = "1")
        int rate__window__seconds() default 30;

        @AttributeDefinition(name = "Request deadline (minutes)",
                description = "The longest one request for media may take in all; a longer download is resumed"
                        + " with a new request.", min = "1")
        int request__deadline__minutes() default 120;

        @AttributeDefinition(name = "Allowed private hosts",
                description = "Hosts (as URLs name them: a name or an address) that media and hoster pages may be"
                        + " fetched from although they are on this machine or a private network. Every other loopback,"
                        + " private, link-local, carrier-grade NAT, multicast or unspecified destination is refused,"
                        + " redirects included, so that a hostile page cannot make the service fetch from your LAN"
                        + " or from itself. Comma separated; empty allows none.")
        String allowed__private__hosts() default "";

        @AttributeDefinition(name = "HLS segments at once",
                description = "How many segments of an HLS stream are fetched at the same time; they are written in"
                        + " order. More hide more of a distant CDN's round trips.", min = "1", max = "16")
        int hls__parallel__segments() default 4;

        @AttributeDefinition(name = "HLS checkpoint (seconds)",
                description = "The longest time between two checkpoints of an HLS download (also one every GiB):"
                        + " a crash or kill costs at most this much downloading again. Each checkpoint forces the"
                        + " bytes to disk, which slows a fast download down.", min = "1", max = "3600")
        int hls__checkpoint__seconds() default 10;

        @AttributeDefinition(name = "Attempts per request",
                description = "How often a media request whose connection broke, stalled or met a server error is"
                        + " tried (an MP4 resumes where it was cut) before the job waits for its next retry.",
                min = "1", max = "10")
        int media__attempts() default 3;

        @AttributeDefinition(name = "HLS container",
                description = "What an HLS download in MPEG-TS becomes once complete: mp4 or mkv (the streams copied by"
                        + " ffmpeg, without re-encoding; needs ffmpeg on the PATH, else the file stays .ts), or ts to"
                        + " keep the stream as it came.", options = {
                    @Option(label = "MP4", value = "mp4"), @Option(label = "Matroska", value = "mkv"),
                    @Option(label = "MPEG-TS", value = "ts")})
        String hls__container() default "mp4";

        @AttributeDefinition(name = "ffmpeg",
                description = "The ffmpeg program that remuxes HLS downloads: a name looked up on the PATH, or a path.")
        String ffmpeg() default "ffmpeg";
    }

    static final SettingsRules RULES = SettingsRules.none()
            .range("timeout_seconds", 1, 3600)
            .range("min_rate_kib_per_second", 0, 1024 * 1024)
            .range("rate_window_seconds", 1, 3600)
            .range("request_deadline_minutes", 1, 7 * 24 * 60)
            .range("hls_parallel_segments", 1, 16)
            .range("hls_checkpoint_seconds", 1, 3600)
            .range("media_attempts", 1, 10)
            .check("hls_container", value -> value.toString().strip().matches("(?i)mp4|mkv|ts"), "must be mp4, mkv or ts")
            .check("ffmpeg", value -> !value.toString().isBlank(), "must name the ffmpeg program");

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueDownloadEngine.class);
    /** Copying streams runs at disk speed: an episode takes seconds, a film a minute. */
    private static final Duration REMUX_TIMEOUT = Duration.ofHours(1);

    private final CatalogueRegistry registry;
    private final DestinationPolicy destinations;
    private final List<HosterResolver> resolvers = new CopyOnWriteArrayList<>();
    /** One budget for the HLS segment buffers of all downloads, kept when the settings change. */
    private final SegmentMemory segmentMemory = SegmentMemory.ofHeap();
    private volatile HosterPreference preference;
    private volatile Mp4Fetcher mp4;
    private volatile HlsFetcher hls;
    /** Set when activated by DS; a configuration change is read through it. */
    private Settings settings;

    @Activate
    public CatalogueDownloadEngine(@Reference CatalogueRegistry registry, @Reference DestinationPolicy destinations,
            @Reference Settings settings, Map<String, Object> properties) {
        this(registry, destinations, settings.apply(PID, Config.class, RULES, properties));
        this.settings = settings;
    }

    private CatalogueDownloadEngine(CatalogueRegistry registry, DestinationPolicy destinations, Config config) {
        this(registry, destinations, HosterPreference.parse(config.hoster__preference()), limits(config),
                fetching(config));
    }

    CatalogueDownloadEngine(CatalogueRegistry registry, DestinationPolicy destinations, HosterPreference preference,
            ReadLimits limits) {
        this(registry, destinations, preference, limits, new Fetching(Retries.DEFAULT, HlsFetcher.DEFAULT_PARALLEL,
                new Remuxer(Remuxer.Container.TS, "ffmpeg", REMUX_TIMEOUT), HlsFetcher.DEFAULT_CHECKPOINT_EVERY));
    }

    private CatalogueDownloadEngine(CatalogueRegistry registry, DestinationPolicy destinations,
            HosterPreference preference, ReadLimits limits, Fetching fetching) {
        this.registry = registry;
        this.destinations = destinations;
        this.preference = preference;
        use(limits, fetching);
    }

    /**
     * How media requests are retried, how many HLS segments are fetched at once, what MPEG-TS becomes and how
     * often an HLS download is checkpointed.
     */
    private record Fetching(Retries retries, int parallelSegments, Remuxer remuxer, Duration checkpointEvery) {
    }

    private static Fetching fetching(Config config) {
        return new Fetching(new Retries(config.media__attempts(), Retries.DEFAULT.backoff()),
                config.hls__parallel__segments(), new Remuxer(Remuxer.Container.parse(config.hls__container()),
                        config.ffmpeg().strip(), REMUX_TIMEOUT), Duration.ofSeconds(config.hls__checkpoint__seconds()));
    }

    @Modified
    void modified(Map<String, Object> properties) {
        Config config = settings.apply(PID, Config.class, RULES, properties);
        preference = HosterPreference.parse(config.hoster__preference());
        use(limits(config), fetching(config));
    }

    private void use(ReadLimits limits, Fetching fetching) {
        MediaRequests requests = new MediaRequests(destinations, limits);
        mp4 = new Mp4Fetcher(requests, fetching.retries());
        hls = new HlsFetcher(requests, fetching.retries(), fetching.parallelSegments(), fetching.remuxer(),
                fetching.checkpointEvery(), segmentMemory);
    }

    private static ReadLimits limits(Config config) {
        return new ReadLimits(Duration.ofSeconds(config.timeout__seconds()), config.min__rate__kib__per__second() * 1024L,
                Duration.ofSeconds(config.rate__window__seconds()), Duration.ofMinutes(config.request__deadline__minutes()));
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
        } catch (RuntimeException e) {
            // A link the site's page names in a form no request can be made of (a javascript: link, say).
            throw new OfferFailure(offer.hoster() + ": site link " + offer.redirect() + " cannot be followed: " + e, false, e);
        }
        checkDestination(offer, embed, "embed page");
        MediaSource media;
        try {
            media = resolver.resolve(embed);
        } catch (HosterException e) {
            stopIfInterrupted();
            // Hoster messages name the hoster themselves.
            throw new OfferFailure(e.getMessage(), !e.gone(), e);
        } catch (RuntimeException e) {
            // A resolver's bug fails its offer, not the job: the next hoster may deliver.
            LOG.warn("The {} resolver failed on {}", offer.hoster(), embed, e);
            throw new OfferFailure(offer.hoster() + ": the resolver failed on " + embed + ": " + e, false, e);
        }
        stopIfInterrupted();
        checkDestination(offer, media.uri(), "media");
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
        } catch (MediaGoneException | UnusableMediaException | RefusedDestinationException e) {
            throw new OfferFailure(offer.hoster() + ": " + e.getMessage(), false, e);
        } catch (IOException e) {
            throw new OfferFailure(offer.hoster() + ": " + e.getMessage(), true, e);
        }
    }

    /** Hosters and sites are strangers: what they name is fetched only where the destination policy allows. */
    private void checkDestination(Offer offer, URI uri, String what) throws OfferFailure {
        try {
            destinations.check(uri);
        } catch (RefusedDestinationException e) {
            throw new OfferFailure(offer.hoster() + ": " + what + " " + e.getMessage(), false, e);
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
