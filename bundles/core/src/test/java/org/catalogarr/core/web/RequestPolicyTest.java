package org.catalogarr.core.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.catalogarr.core.web.RequestPolicy.Headers;
import org.junit.Test;

public class RequestPolicyTest {

    private static final String DELETE = "/api/v2/torrents/delete";
    private static final String CONSOLE = "/system/console/bundles";

    private final RequestPolicy policy = new RequestPolicy(new ServerNames("catalogarr.example.com, *.proxy.test", "mybox.example.org"));

    private Optional<Refusal> judge(String method, String path, String host, String forwardedHost, String origin,
            String referer) {
        return policy.judge(method, path, new Headers(host, forwardedHost, origin, referer));
    }

    @Test
    public void apiClientsWithoutOriginOrRefererPass() {
        assertEquals(Optional.empty(), judge("POST", DELETE, "192.168.1.5:8000", null, null, null));
        assertEquals(Optional.empty(), judge("GET", "/api/v2/torrents/info", "catalogarr:8000", null, null, null));
    }

    @Test
    public void aCrossSitePostToTheApiIsRefused() {
        assertEquals(Optional.of(Refusal.CROSS_SITE),
                judge("POST", DELETE, "localhost:8000", null, "https://evil.example.com", null));
        assertEquals("Referer counts when there is no Origin", Optional.of(Refusal.CROSS_SITE),
                judge("POST", DELETE, "localhost:8000", null, null, "http://evil.example.com/page.html"));
        assertEquals("another port is another site", Optional.of(Refusal.CROSS_SITE),
                judge("POST", DELETE, "localhost:8000", null, "http://localhost:8080", null));
        assertEquals("an opaque origin", Optional.of(Refusal.CROSS_SITE),
                judge("POST", DELETE, "localhost:8000", null, "null", null));
        assertEquals("the API checks reads too, as qBittorrent does", Optional.of(Refusal.CROSS_SITE),
                judge("GET", "/api/v2/torrents/info", "localhost:8000", null, null, "http://evil.example.com/"));
    }

    @Test
    public void aSameOriginRequestPasses() {
        assertEquals(Optional.empty(), judge("POST", DELETE, "localhost:8000", null, "http://localhost:8000", null));
        assertEquals(Optional.empty(),
                judge("POST", DELETE, "LocalHost:8000", null, null, "http://localhost:8000/index.html?x=1"));
        assertEquals("default ports are left out", Optional.empty(),
                judge("POST", DELETE, "catalogarr.example.com", null, "https://catalogarr.example.com:443", null));
        assertEquals(Optional.empty(), judge("POST", DELETE, "[::1]:8000", null, "http://[::1]:8000", null));
    }

    @Test
    public void behindAReverseProxyTheForwardedHostIsThePagesName() {
        assertEquals(Optional.empty(), judge("POST", DELETE, "127.0.0.1:8000", "catalogarr.example.com",
                "https://catalogarr.example.com", null));
        assertEquals(Optional.of(Refusal.CROSS_SITE), judge("POST", DELETE, "127.0.0.1:8000",
                "catalogarr.example.com", "https://evil.example.com", null));
        assertEquals("a forwarded name must be ours too", Optional.of(Refusal.UNKNOWN_HOST),
                judge("POST", DELETE, "127.0.0.1:8000", "evil.example.com", "https://evil.example.com", null));
        assertEquals(Optional.of(Refusal.UNKNOWN_HOST), judge("GET", "/health", "127.0.0.1:8000",
                "catalogarr.example.com, rebind.evil.example.com", null, null));
    }

    @Test
    public void unknownHostNamesAreRefusedEverywhere() {
        for (String path : new String[] { DELETE, "/torznab/api", "/health", CONSOLE, "/" }) {
            assertEquals(path, Optional.of(Refusal.UNKNOWN_HOST),
                    judge("GET", path, "rebind.evil.example.com:8000", null, null, null));
        }
        assertEquals(Optional.of(Refusal.UNKNOWN_HOST), judge("GET", "/health", "bad host", null, null, null));
        assertEquals(Optional.of(Refusal.UNKNOWN_HOST), judge("GET", "/health", "user@localhost", null, null, null));
        assertEquals("no Host (HTTP/1.0): nothing to judge", Optional.empty(),
                judge("GET", "/health", null, null, null, null));
    }

    @Test
    public void theConsoleNeedsItsOwnPageForAnyChange() {
        assertEquals(Optional.of(Refusal.CROSS_SITE),
                judge("POST", CONSOLE, "localhost:8000", null, "https://evil.example.com", null));
        assertEquals(Optional.of(Refusal.NO_ORIGIN), judge("POST", CONSOLE, "localhost:8000", null, null, null));
        assertEquals(Optional.of(Refusal.NO_ORIGIN), judge("DELETE", CONSOLE, "localhost:8000", null, null, null));
        assertEquals(Optional.empty(),
                judge("POST", CONSOLE, "localhost:8000", null, "http://localhost:8000", null));
        assertEquals(Optional.empty(),
                judge("POST", CONSOLE, "localhost:8000", null, null, "http://localhost:8000/system/console/bundles"));
        assertEquals("following a link from elsewhere is fine", Optional.empty(),
                judge("GET", CONSOLE, "localhost:8000", null, null, "https://evil.example.com/"));
        assertEquals(Optional.empty(), judge("HEAD", "/torznab/api", "localhost:8000", null, null, null));
    }

    @Test
    public void namesNoPublicDnsResolvesPassWithoutConfiguration() {
        ServerNames names = new ServerNames("", "");
        for (String host : new String[] { "127.0.0.1", "192.168.178.20", "[::1]", "[fe80::1%25eth0]", "localhost",
                "app.localhost", "catalogarr", "nas", "my_container", "nas.local", "box.home.arpa", "svc.internal" }) {
            assertTrue(host, names.accepts(Authority.ofHostHeader(host).orElseThrow().host()));
        }
        for (String host : new String[] { "evil.example.com", "127.0.0.1.nip.io", "localhost.evil.com", "fritz.box" }) {
            assertFalse(host, names.accepts(Authority.ofHostHeader(host).orElseThrow().host()));
        }
    }

    @Test
    public void listedNamesTheOwnNameAndWildcardsPass() {
        ServerNames names = new ServerNames(" Catalogarr.Example.com ,*.proxy.test", "mybox.example.org");

        assertTrue(names.accepts("catalogarr.example.com"));
        assertTrue(names.accepts("a.proxy.test"));
        assertTrue(names.accepts("b.a.proxy.test"));
        assertFalse("the wildcard is for subdomains", names.accepts("proxy.test"));
        assertFalse(names.accepts("xproxy.test"));
        assertTrue(names.accepts("mybox.example.org"));
        assertFalse(names.accepts("other.example.org"));
        assertTrue(new ServerNames("*", "").accepts("anything.example.net"));
        assertEquals("a final dot is the same name", Optional.of(new Authority("catalogarr.example.com", 8000)),
                Authority.ofHostHeader("catalogarr.example.com.:8000"));
    }

    @Test
    public void aHostSeenBeforeIsJudgedAsAtFirstAndForeignHostsAreNotKept() {
        for (int round = 0; round < 2; round++) {
            assertEquals(Optional.empty(), judge("POST", DELETE, "localhost:8000", null, "http://localhost:8000", null));
            assertEquals("the kept name still carries its port", Optional.of(Refusal.CROSS_SITE),
                    judge("POST", DELETE, "localhost:8000", null, "http://localhost:8080", null));
            assertEquals(Optional.of(Refusal.UNKNOWN_HOST), judge("GET", "/torznab/api", "evil.example.com", null, null, null));
        }
        assertEquals(1, policy.keptHosts());
    }

    @Test
    public void everNewHostNamesOnlyPushOutOlderOnes() {
        for (int i = 0; i < RequestPolicy.KEPT_HOSTS * 3; i++) {
            assertEquals(Optional.empty(), judge("GET", "/torznab/api", "box" + i + ".local", null, null, null));
        }
        assertTrue(policy.keptHosts() <= RequestPolicy.KEPT_HOSTS);
    }
}
