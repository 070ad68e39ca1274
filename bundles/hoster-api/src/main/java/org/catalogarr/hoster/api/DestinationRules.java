package org.catalogarr.hoster.api;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link DestinationPolicy} of the public internet: http(s) only, and no address that belongs to this
 * machine or a private network, unless the URL's host is on the allow-list as it is written in the URL
 * (a name or an address literal; {@code 127.0.0.1} on the list does not allow {@code localhost}).
 * <p>
 * Names are resolved here, and every address they resolve to must be public. The HTTP client resolves the
 * name again when it connects; the JVM's address cache (30 s by default) answers that second lookup, so a
 * name cannot switch to a private address between the check and the connection.
 */
public final class DestinationRules implements DestinationPolicy {

    /** How the allow-list is named to the operator in refusals. */
    private final String setting;
    private final Set<String> allowed;

    private DestinationRules(String setting, Set<String> allowed) {
        this.setting = setting;
        this.allowed = allowed;
    }

    /**
     * @param setting where the operator allows a private host, named in every refusal
     * @param allowedHosts host names and address literals that may be private, as URLs write them
     */
    public static DestinationRules allowing(String setting, Collection<String> allowedHosts) {
        return new DestinationRules(setting, allowedHosts.stream().map(DestinationRules::normalise)
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** The hosts on the allow-list, normalised (lower case, IPv6 without brackets). */
    public Set<String> allowedHosts() {
        return allowed;
    }

    @Override
    public void check(URI uri) throws RefusedDestinationException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedDestinationException("refusing " + shown(uri) + ": only http and https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new RefusedDestinationException("refusing " + shown(uri) + ": it names no host");
        }
        String host = normalise(uri.getHost());
        if (allowed.contains(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            // Nothing to connect to: the request itself fails with the resolver's message.
            return;
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = privateKind(address);
            if (kind.isPresent()) {
                throw new RefusedDestinationException("refusing " + shown(uri) + ": " + host + " is "
                        + (host.equals(address.getHostAddress()) ? "" : "at " + address.getHostAddress() + ", ")
                        + kind.get() + "; list the host in " + setting + " to allow it");
            }
        }
    }

    /** What kind of non-public address this is, or empty for a public one. */
    public static Optional<String> privateKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(bytes);
            if (embedded.isPresent()) {
                try {
                    return privateKind(InetAddress.getByAddress(embedded.get())).map(kind -> kind + " (in IPv6)");
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException("four bytes are an IPv4 address", impossible);
                }
            }
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && bytes[0] == 0)) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata lives there)");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (address instanceof Inet4Address) {
            if (address.isSiteLocalAddress()) {
                return Optional.of("a private (RFC 1918) address");
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT address");
            }
            if (first == 255 && second == 255 && (bytes[2] & 0xff) == 255 && (bytes[3] & 0xff) == 255) {
                return Optional.of("the broadcast address");
            }
            return Optional.empty();
        }
        if ((first & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
            return Optional.of("a private (unique local) address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}) or NAT64 ({@code 64:ff9b::a.b.c.d})
     * IPv6 address: both reach the IPv4 host. (IPv4-mapped ones arrive as IPv4 addresses already.)
     */
    private static Optional<byte[]> embeddedIpv4(byte[] bytes) {
        byte[] prefix = Arrays.copyOf(bytes, 12);
        boolean compatible = Arrays.equals(prefix, new byte[12]) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0);
        byte[] nat64 = new byte[12];
        nat64[1] = 0x64;
        nat64[2] = (byte) 0xff;
        nat64[3] = (byte) 0x9b;
        boolean translated = Arrays.equals(prefix, nat64);
        return compatible || translated ? Optional.of(Arrays.copyOfRange(bytes, 12, 16)) : Optional.empty();
    }

    private static String normalise(String host) {
        String stripped = host.strip().toLowerCase(Locale.ROOT);
        if (stripped.startsWith("[") && stripped.endsWith("]")) {
            stripped = stripped.substring(1, stripped.length() - 1);
        }
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    /** The URL for a message: scheme, host and path, without a query that may carry a hoster's token. */
    private static String shown(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        String shown = query < 0 ? text : text.substring(0, query) + "?…";
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    }
}
