package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.After;
import org.junit.Test;

/** Every hoster's configuration is validated like every other one: a bad change is refused and named, never fatal. */
public class HosterSettingsTest {

    private final Settings settings = new Settings();
    private final FakeMp4Host host = new FakeMp4Host();

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    @Test
    public void aRefusedChangeKeepsThePreviousSettingsUntilItIsFixed() throws Exception {
        VidozaResolver resolver = new VidozaResolver(TestDestinations.LOOPBACK, settings,
                TestConfigs.browser("First/1.0", 5));

        resolver.modified(Map.of("user_agent", "Second/1.0", "timeout_seconds", "abc"));

        assertEquals(Map.of(VidozaResolver.PID, List.of("timeout_seconds must be a whole number, was 'abc'")),
                settings.problems());
        MediaSource media = resolver.resolve(host.embedUrl("aot0101de"));
        assertEquals(host.mediaUrl("aot0101de"), media.uri());
        assertEquals("the change is refused as a whole", "First/1.0", media.headers().get("User-Agent"));

        resolver.modified(TestConfigs.browser("Second/1.0", 5));

        assertEquals(Map.of(), settings.problems());
        assertEquals("Second/1.0", resolver.resolve(host.embedUrl("aot0101de")).headers().get("User-Agent"));
    }

    @Test
    public void aBadFirstConfigurationLeavesEveryResolverWorkingWithItsDefaults() {
        Map<String, Object> bad = Map.of("timeout_seconds", "-5", "user_agent", " ");
        List<BiFunction<Settings, Map<String, Object>, HosterResolver>> resolvers = List.of(
                (s, p) -> new VidozaResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new VidmolyResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new LuluvdoResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new StreamtapeResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new LoadXResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new DoodstreamResolver(TestDestinations.LOOPBACK, s, p, Clock.systemUTC()),
                (s, p) -> new VoeResolver(TestDestinations.LOOPBACK, s, p),
                (s, p) -> new FilemoonResolver(TestDestinations.LOOPBACK, s, p));

        for (BiFunction<Settings, Map<String, Object>, HosterResolver> create : resolvers) {
            Settings own = new Settings();
            PageResolver<?> resolver = (PageResolver<?>) create.apply(own, bad);

            List<String> problems = own.problems().values().iterator().next();
            assertEquals(resolver.name(), List.of("timeout_seconds must be between 1 and 600, was -5",
                    "user_agent must not be empty, was ' '"), problems.stream().sorted().toList());
            assertFalse(resolver.name(), resolver.userAgent().isBlank());
        }
    }

    @Test
    public void voeRefusesSeparatorsThatWouldCutThePayloadAndNegativeRedirects() throws Exception {
        VoeResolver voe = new VoeResolver(TestDestinations.LOOPBACK, settings,
                TestConfigs.browser("TestBrowser/1.0", 5, "junk_separators", "@$, ab", "max_redirects", "-1"));

        List<String> problems = settings.problems().get(VoeResolver.PID);
        assertEquals(2, problems.size());
        assertTrue(problems.toString(), problems.contains("max_redirects must be between 0 and 20, was -1"));
        assertTrue(problems.toString(), problems.stream().anyMatch(problem -> problem.startsWith("junk_separators")));
        assertEquals(VoeDecoder.DEFAULT_SEPARATOR_SETTING, voe.config().junk__separators());
        assertEquals(5, voe.config().max__redirects());
    }
}
