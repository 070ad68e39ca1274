package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;

import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;

public class LinkBasesTest {

    private static HttpServletRequest request(String scheme, String serverName, int port) {
        return (HttpServletRequest) Proxy.newProxyInstance(LinkBasesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> scheme;
                    case "getServerName" -> serverName;
                    case "getServerPort" -> port;
                    case "getLocalAddr" -> "192.168.1.5";
                    case "getContextPath" -> "";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void writesOneBaseForEverySpellingOfTheHost() {
        assertEquals(URI.create("http://catalogarr.lan:8000"), new LinkBases().of(request("http", "CataLogarr.LAN", 8000)));
        assertEquals(URI.create("http://catalogarr.lan"), new LinkBases().of(request("HTTP", "catalogarr.lan", 80)));
        assertEquals(URI.create("https://catalogarr.lan"), new LinkBases().of(request("https", "catalogarr.lan", 443)));
    }

    @Test
    public void bracketsAnIpv6Address() {
        assertEquals(URI.create("http://[::1]:8000"), new LinkBases().of(request("http", "::1", 8000)));
        assertEquals(URI.create("http://[::1]:8000"), new LinkBases().of(request("http", "[::1]", 8000)));
    }

    @Test
    public void keepsTheBasesMadeButOnlyAFew() {
        LinkBases bases = new LinkBases();
        URI first = bases.of(request("http", "catalogarr.lan", 8000));
        assertSame(first, bases.of(request("http", "catalogarr.lan", 8000)));
        assertEquals(URI.create("http://catalogarr.lan:8001"), bases.of(request("http", "catalogarr.lan", 8001)));
        for (int i = 0; i < 1000; i++) {
            assertEquals(URI.create("http://host" + i + ".lan:8000"), bases.of(request("http", "HOST" + i + ".lan", 8000)));
            assertTrue(bases.size() <= LinkBases.KEPT);
        }
        int kept = bases.size();
        bases.of(request("http", "evil\"><script>", 8000));
        assertEquals("a name that is no host name is not kept", kept, bases.size());
    }

    @Test
    public void replacesANameThatIsNoHostNameByTheLocalAddress() {
        assertEquals(URI.create("http://192.168.1.5:8000"),
                new LinkBases().of(request("http", "evil\"><script>", 8000)));
    }
}
