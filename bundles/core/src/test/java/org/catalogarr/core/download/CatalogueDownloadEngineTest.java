package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.core.catalogue.FakeProvider;
import org.catalogarr.core.catalogue.Registries;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The engine against the fake AniWorld's redirects and the fake MP4 hoster. The provider's offers
 * copy the fixture's episode pages (core must not depend on a site bundle); its redirects are
 * answered by the fake site itself.
 */
public class CatalogueDownloadEngineTest {

    private static final Pattern EMBED_ID = Pattern.compile(".*/embed-([^/]+)\\.html");
    private static final Pattern VOE_CODE = Pattern.compile(".*/e/([^/]+)");
    private static final String VOE_ORIGIN = "https://voe.example/";
    private static final String SLUG = "attack-on-titan";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FakeAniWorld aniworld = new FakeAniWorld();
    private final FakeMp4Host mp4host = new FakeMp4Host();
    private final FakeCdn cdn = new FakeCdn();
    private final FakeProvider site = new FakeProvider(site("aniworld", 1));
    private final FakeProvider otherSite = new FakeProvider(site("sto", 2));
    private final StubResolver voe = new StubResolver("VOE", this::voeMedia);
    private final StubResolver vidoza = new StubResolver("vidoza", this::vidozaMedia);
    private CatalogueDownloadEngine engine;

    private static CatalogueSite site(String id, int priority) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), true, 5, Set.of(), 24, 6, false);
    }

    @Before
    public void setUp() {
        aniworld.start();
        mp4host.start();
        cdn.start();
        cdn.refererOrigin(VOE_ORIGIN);
        aniworld.placeholder("MP4_BASE", mp4host.baseUrl().toString());
        site.offers(SLUG, episode(1, Set.of(Language.GERMAN_DUB, Language.ENGLISH_SUB, Language.GERMAN_SUB),
                offer("VOE", Language.GERMAN_DUB, 1101), offer("VOE", Language.ENGLISH_SUB, 1102),
                offer("VOE", Language.GERMAN_SUB, 1103), offer("Filemoon", Language.GERMAN_DUB, 1104),
                offer("Vidoza", Language.GERMAN_DUB, 1105), offer("Vidoza", Language.GERMAN_SUB, 1106)));
        site.offers(SLUG, episode(2, Set.of(Language.GERMAN_SUB),
                offer("VOE", Language.GERMAN_SUB, 1201), offer("Vidoza", Language.GERMAN_SUB, 1202)));
        site.offers(SLUG, episode(3, Set.of(Language.GERMAN_DUB),
                offer("VOE", Language.GERMAN_DUB, 1301), offer("Vidoza", Language.GERMAN_DUB, 1302)));
        site.redirects(this::followRedirect);
        otherSite.offers(SLUG, episode(1, Set.of(Language.GERMAN_DUB), offer("Vidoza", Language.GERMAN_DUB, 1105)));
        engine = new CatalogueDownloadEngine(Registries.of(site, otherSite), LoopbackRequests.POLICY,
                HosterPreference.parse("VOE, Filemoon, Streamtape, Vidmoly, Doodstream, LoadX, Luluvdo, Vidoza"),
                ReadLimits.withTimeout(Duration.ofSeconds(5)));
        engine.addResolver(voe);
        engine.addResolver(vidoza);
    }

    @After
    public void tearDown() {
        aniworld.close();
        mp4host.close();
        cdn.close();
    }

    private EpisodeOffers episode(int episode, Set<Language> languages, Offer... offers) {
        return new EpisodeOffers(1, episode, languages, List.of(offers));
    }

    private Offer offer(String hoster, Language language, int redirectId) {
        return new Offer(hoster, language, aniworld.baseUrl().resolve("/redirect/" + redirectId));
    }

    private URI followRedirect(URI redirect) throws CatalogueException {
        String id = redirect.getPath().substring(redirect.getPath().lastIndexOf('/') + 1);
        try {
            return URI.create(aniworld.redirectTarget(id).orElseThrow(
                    () -> new CatalogueException(CatalogueException.Reason.NOT_FOUND, "no redirect " + redirect)));
        } catch (IOException e) {
            throw new CatalogueException(CatalogueException.Reason.SITE_ERROR, "fixture unreadable", e);
        }
    }

    /**
     * What a VOE resolver finds: an HLS master playlist on the CDN, which wants VOE's Referer. The German
     * sub copies miss a segment, so that the engine has to fall back to the next hoster for them.
     */
    private MediaSource voeMedia(URI embed) throws HosterException {
        Matcher match = VOE_CODE.matcher(embed.getPath());
        if (!match.matches()) {
            throw new HosterException("VOE: not an embed page: " + embed, true);
        }
        String code = match.group(1).endsWith("desub") ? "gone-" + match.group(1) : match.group(1);
        return new MediaSource(cdn.masterUrl(code), Map.of("Referer", VOE_ORIGIN + "e/" + match.group(1)),
                MediaSource.Kind.HLS);
    }

    /** What a Vidoza resolver finds on the fake hoster's embed pages. */
    private MediaSource vidozaMedia(URI embed) throws HosterException {
        Matcher match = EMBED_ID.matcher(embed.getPath());
        if (!match.matches()) {
            throw new HosterException("Vidoza: not an embed page: " + embed, true);
        }
        return new MediaSource(mp4host.mediaUrl(match.group(1)), Map.of("Referer", mp4host.baseUrl() + "/"),
                MediaSource.Kind.MP4);
    }

    private DownloadRequest request(int episode, Language language) {
        return new DownloadRequest("aniworld", SLUG, 1, episode, language, "Attack on Titan S01E0" + episode,
                temp.getRoot().toPath(), temp.getRoot().toPath());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    public void downloadsTheWantedLanguageFromTheNextHosterWhenThePreferredOneCannotDeliver() throws Exception {
        AtomicLong reported = new AtomicLong();

        Path file = engine.download(request(1, Language.GERMAN_SUB), (done, total, speed) -> reported.set(done));

        assertEquals(temp.getRoot().toPath().resolve("Attack on Titan S01E01.mp4"), file);
        assertEquals(FakeMp4Host.sha256Of("aot0101desub"), sha256(file));
        assertEquals(FakeMp4Host.SIZE, reported.get());
        assertEquals(1, voe.calls().size());
        assertTrue(voe.calls().get(0).toString().endsWith("/e/aot0101desub"));
        assertEquals(1, cdn.requests().stream()
                .filter(r -> r.startsWith("GET " + FakeCdn.segmentPath("gone-aot0101desub", FakeCdn.FAULTY_SEGMENT)))
                .count());
        assertEquals(List.of(mp4host.embedUrl("aot0101desub")), vidoza.calls());
        assertEquals("the failed HLS attempt leaves no part files behind", List.of(file), Files.list(temp.getRoot().toPath()).toList());
    }

    @Test
    public void downloadsHlsFromThePreferredHosterIntoATransportStreamFile() throws Exception {
        List<long[]> reports = new CopyOnWriteArrayList<>();

        Path file = engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> reports.add(new long[] {done, total}));

        assertEquals(temp.getRoot().toPath().resolve("Attack on Titan S01E01.ts"), file);
        assertArrayEquals(FakeCdn.content("aot0101de"), Files.readAllBytes(file));
        long[] last = reports.get(reports.size() - 1);
        assertArrayEquals(new long[] {Files.size(file), Files.size(file)}, last);
        assertEquals(List.of(), vidoza.calls());
        assertEquals(List.of(file), Files.list(temp.getRoot().toPath()).toList());
    }

    @Test
    public void aLiveStreamFailsTheOfferForGood() throws Exception {
        engine.removeResolver(voe);
        engine.addResolver(new StubResolver("VOE", embed -> new MediaSource(cdn.masterUrl("live"),
                Map.of("Referer", VOE_ORIGIN), MediaSource.Kind.HLS)));
        engine.removeResolver(vidoza);
        engine.addResolver(new StubResolver("Vidoza", embed -> {
            throw new HosterException("Vidoza: the file is gone (HTTP 404) at " + embed, true);
        }));

        DownloadException failure = assertThrows(DownloadException.class,
                () -> engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { }));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage(), failure.getMessage().contains("VOE: the HLS playlist"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("live stream"));
    }

    @Test
    public void theFilesOfARequestIncludeTheHlsOutputsAndTheirCheckpoints() {
        List<String> names = engine.files(request(1, Language.GERMAN_DUB)).stream()
                .map(p -> p.getFileName().toString()).toList();

        assertEquals(names.size(), Set.copyOf(names).size());
        assertTrue(names.toString(), names.containsAll(List.of("Attack on Titan S01E01.mp4",
                "Attack on Titan S01E01.mp4.part", "Attack on Titan S01E01.mp4.part.origin",
                "Attack on Titan S01E01.mp4.part.segments", "Attack on Titan S01E01.ts",
                "Attack on Titan S01E01.ts.part", "Attack on Titan S01E01.ts.part.origin",
                "Attack on Titan S01E01.ts.part.segments")));
    }

    @Test
    public void usesOnlyTheJobsOwnSite() throws Exception {
        Path file = engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { });

        assertArrayEquals(FakeCdn.content("aot0101de"), Files.readAllBytes(file));
        assertEquals(List.of(), otherSite.calls());
        assertTrue(site.calls().contains("offers attack-on-titan 1 1"));
    }

    @Test
    public void aMissingLanguageIsNotRetryableAndNamesWhatIsOffered() {
        DownloadException failure = assertThrows(DownloadException.class,
                () -> engine.download(request(2, Language.GERMAN_DUB), (done, total, speed) -> { }));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage(), failure.getMessage().contains("german-dub"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("offers: german-sub"));
        assertEquals(List.of(), voe.calls());
        assertEquals(List.of(), vidoza.calls());
    }

    @Test
    public void whenEveryHosterFailsTheMessageNamesEachAndATemporaryFailureMakesItRetryable() {
        engine.removeResolver(vidoza);
        engine.addResolver(new StubResolver("Vidoza", embed -> {
            throw new HosterException("Vidoza: the file is gone (HTTP 404) at " + embed, true);
        }));
        engine.removeResolver(voe);
        engine.addResolver(new StubResolver("VOE", embed -> {
            throw new HosterException("VOE: Maintenance Mode at " + embed, false);
        }));

        DownloadException failure = assertThrows(DownloadException.class,
                () -> engine.download(request(3, Language.GERMAN_DUB), (done, total, speed) -> { }));

        assertTrue(failure.retryable());
        assertTrue(failure.getMessage(), failure.getMessage().contains("Tried VOE: Maintenance Mode at "));
        assertTrue(failure.getMessage(), failure.getMessage().contains("; Vidoza: the file is gone (HTTP 404) at "));
        assertTrue(failure.getMessage(), failure.getMessage().contains("aniworld attack-on-titan S01E03"));
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("Attack on Titan S01E03.mp4")));
    }

    @Test
    public void whenEveryHosterIsGoneOrMissingItIsNotRetryable() {
        engine.removeResolver(voe);
        engine.removeResolver(vidoza);
        engine.addResolver(new StubResolver("VIDOZA", embed -> {
            throw new HosterException("Vidoza: the file is gone (HTTP 404) at " + embed, true);
        }));

        DownloadException failure = assertThrows(DownloadException.class,
                () -> engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { }));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage(), failure.getMessage().contains("VOE: no resolver for this hoster is installed"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("Filemoon: no resolver"));
    }

    @Test
    public void aHosterNamingAnotherSchemeOrAPrivateAddressFailsOnlyItsOffer() throws Exception {
        for (String hostile : List.of("file:///etc/passwd", "jar:file:/x.jar!/a.mp4", "javascript:alert(1)",
                "http://localhost:" + mp4host.baseUrl().getPort() + "/mp4/aot0101de.mp4")) {
            engine.removeResolver(voe);
            StubResolver bad = new StubResolver("VOE", embed -> new MediaSource(URI.create(hostile),
                    Map.of("Referer", mp4host.baseUrl() + "/"), MediaSource.Kind.MP4));
            engine.addResolver(bad);

            Path file = engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { });

            assertEquals(hostile, FakeMp4Host.sha256Of("aot0101de"), sha256(file));
            assertEquals(1, bad.calls().size());
            Files.delete(file);
            engine.removeResolver(bad);
        }
        assertEquals("Vidoza delivered every time, the loopback name included", 4, vidoza.calls().size());
    }

    /** The site's VOE link leads to a javascript: URL, which no HTTP request can be made of. */
    @Test
    public void aSiteLinkThatCannotBeFollowedFailsOnlyItsOffer() throws Exception {
        site.redirects(redirect -> {
            if (redirect.getPath().endsWith("/1101")) {
                throw new IllegalArgumentException("invalid URI scheme javascript");
            }
            return followRedirect(redirect);
        });

        Path file = engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { });

        assertEquals(FakeMp4Host.sha256Of("aot0101de"), sha256(file));
        assertEquals(List.of(), voe.calls());
    }

    @Test
    public void aResolverThatBreaksFailsOnlyItsOffer() throws Exception {
        engine.removeResolver(voe);
        engine.addResolver(new StubResolver("VOE", embed -> {
            throw new IllegalStateException("a bug in the resolver");
        }));

        Path file = engine.download(request(1, Language.GERMAN_DUB), (done, total, speed) -> { });

        assertEquals(FakeMp4Host.sha256Of("aot0101de"), sha256(file));
    }

    @Test
    public void anUnknownSiteIsRetryableAndNamed() {
        DownloadRequest request = new DownloadRequest("elsewhere", SLUG, 1, 1, Language.GERMAN_DUB, "x",
                temp.getRoot().toPath(), temp.getRoot().toPath());

        DownloadException failure = assertThrows(DownloadException.class,
                () -> engine.download(request, (done, total, speed) -> { }));

        assertTrue(failure.retryable());
        assertTrue(failure.getMessage(), failure.getMessage().contains("'elsewhere'"));
    }
}
