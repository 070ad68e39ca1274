package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;

import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;

public class TorznabServletTest {

    private static HttpServletRequest request(String scheme, String serverName, int port) {
        return (HttpServletRequest) Proxy.newProxyInstance(TorznabServletTest.class.getClassLoader(),
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
        assertEquals(URI.create("http://catalogarr.lan:8000"), TorznabServlet.base(request("http", "CataLogarr.LAN", 8000)));
        assertEquals(URI.create("http://catalogarr.lan"), TorznabServlet.base(request("HTTP", "catalogarr.lan", 80)));
        assertEquals(URI.create("https://catalogarr.lan"), TorznabServlet.base(request("https", "catalogarr.lan", 443)));
    }

    @Test
    public void bracketsAnIpv6Address() {
        assertEquals(URI.create("http://[::1]:8000"), TorznabServlet.base(request("http", "::1", 8000)));
        assertEquals(URI.create("http://[::1]:8000"), TorznabServlet.base(request("http", "[::1]", 8000)));
    }

    @Test
    public void replacesANameThatIsNoHostNameByTheLocalAddress() {
        assertEquals(URI.create("http://192.168.1.5:8000"),
                TorznabServlet.base(request("http", "evil\"><script>", 8000)));
    }
}
