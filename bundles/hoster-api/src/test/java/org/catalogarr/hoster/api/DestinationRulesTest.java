package org.catalogarr.hoster.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

public class DestinationRulesTest {

    private final DestinationRules rules = DestinationRules.allowing("allowed_private_hosts", List.of("127.0.0.1", " Fake.Test "));

    @Test
    public void refusesEveryKindOfNonPublicAddress() {
        for (String url : List.of("http://127.0.0.2:8000/api/v2/torrents/info", "http://10.0.0.1/", "http://172.16.5.4/",
                "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
                "http://[::1]:8000/", "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0:8000/", "http://[::]/",
                "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::127.0.0.1]/", "http://[64:ff9b::a00:1]/")) {
            RefusedDestinationException refused = assertThrows(url, RefusedDestinationException.class,
                    () -> rules.check(URI.create(url)));
            assertTrue(refused.getMessage(), refused.getMessage().contains("allowed_private_hosts"));
        }
    }

    @Test
    public void refusesANameThatResolvesToLoopbackEvenWhenItsAddressIsAllowed() {
        RefusedDestinationException refused = assertThrows(RefusedDestinationException.class,
                () -> rules.check(URI.create("http://localhost:8000/api/v2/torrents/info?hashes=all")));

        assertTrue(refused.getMessage(), refused.getMessage().contains("a loopback address"));
        assertTrue("no query in the message: " + refused.getMessage(), !refused.getMessage().contains("hashes=all"));
    }

    @Test
    public void letsAllowedHostsAndPublicAddressesPass() throws Exception {
        rules.check(URI.create("http://127.0.0.1:4711/embed-a.html"));
        rules.check(URI.create("https://fake.test./x"));
        rules.check(URI.create("https://93.184.216.34/video.mp4"));
        rules.check(URI.create("https://[2606:2800:220:1::1]/video.mp4"));
        rules.check(URI.create("https://no-such-host.invalid/video.mp4"));
        assertEquals(Set.of("127.0.0.1", "fake.test"), rules.allowedHosts());
    }

    @Test
    public void refusesOtherSchemes() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/a.mp4", "jar:file:/x.jar!/a",
                "javascript:alert(1)", "//example.com/a.mp4")) {
            RefusedDestinationException refused = assertThrows(url, RefusedDestinationException.class,
                    () -> rules.check(URI.create(url)));
            assertTrue(refused.getMessage(), refused.getMessage().contains("only http and https"));
        }
    }

    @Test
    public void namesTheKindOfAddress() throws Exception {
        assertEquals(Optional.of("a carrier-grade NAT address"), DestinationRules.privateKind(InetAddress.getByName("100.127.1.1")));
        assertEquals(Optional.empty(), DestinationRules.privateKind(InetAddress.getByName("100.128.1.1")));
        assertEquals(Optional.empty(), DestinationRules.privateKind(InetAddress.getByName("172.32.0.1")));
        assertEquals(Optional.of("a link-local address (cloud metadata lives there)"),
                DestinationRules.privateKind(InetAddress.getByName("169.254.169.254")));
    }
}
