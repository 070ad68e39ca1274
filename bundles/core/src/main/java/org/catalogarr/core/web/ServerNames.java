package org.catalogarr.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The host names this server answers to, the defence against DNS rebinding: a page of a domain the
 * attacker controls, made to resolve to this machine, reaches the server under that domain's name.
 *
 * <p>Accepted without configuration are names no public DNS resolves and so no attacker can point here:
 * IP literals, {@code localhost} and {@code *.localhost}, names of one label ({@code catalogarr} as a
 * Docker container, {@code nas} on a LAN), the reserved private suffixes {@code .local} (mDNS),
 * {@code .home.arpa} and {@code .internal}, and the machine's own host name. Every other name must be
 * listed: exactly, as {@code *.example.com} for its subdomains, or {@code *} for any name.
 */
final class ServerNames {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%25[0-9a-z._~-]+)?]");
    private static final List<String> PRIVATE_SUFFIXES = List.of(".localhost", ".local", ".home.arpa", ".internal");

    private final List<String> exact = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final boolean any;

    /**
     * @param listed the setting: names separated by commas, {@code *.domain} for subdomains, {@code *} for any
     * @param ownHostName the machine's host name, or empty
     */
    ServerNames(String listed, String ownHostName) {
        boolean anyName = false;
        for (String entry : listed.split(",")) {
            String name = entry.strip().toLowerCase(Locale.ROOT);
            if (name.equals("*")) {
                anyName = true;
            } else if (name.startsWith("*.") && name.length() > 2) {
                suffixes.add(name.substring(1));
            } else if (!name.isEmpty()) {
                exact.add(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
            }
        }
        if (!ownHostName.isBlank()) {
            exact.add(ownHostName.strip().toLowerCase(Locale.ROOT));
        }
        this.any = anyName;
    }

    /** Whether a request for this host (lower case, without port and final dot) may be answered. */
    boolean accepts(String host) {
        if (any || IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) {
            return true;
        }
        if (host.isEmpty() || host.startsWith(".")) {
            return false;
        }
        if (host.equals("localhost") || !host.contains(".") || exact.contains(host)) {
            return true;
        }
        return PRIVATE_SUFFIXES.stream().anyMatch(host::endsWith) || suffixes.stream().anyMatch(host::endsWith);
    }
}
