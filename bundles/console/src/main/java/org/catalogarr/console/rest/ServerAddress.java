package org.catalogarr.console.rest;

/**
 * The host and port a client reached this server under, from the request's {@code Host} header, so that
 * the dashboard shows the address to paste into Sonarr as the browser sees it (a LAN name, an IP, a
 * container's name), not what the server binds to.
 *
 * @param host the name or address, an IPv6 address in brackets
 * @param port the port
 */
record ServerAddress(String host, int port) {

    /** From a {@code Host} header such as {@code nas:8000} or {@code [::1]:8000}; the request's port without one. */
    static ServerAddress of(String hostHeader, String fallbackHost, int fallbackPort) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return new ServerAddress(fallbackHost, fallbackPort);
        }
        String value = hostHeader.strip();
        int colon = value.lastIndexOf(':');
        if (colon > value.lastIndexOf(']') && colon > 0) {
            try {
                return new ServerAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return new ServerAddress(value.substring(0, colon), fallbackPort);
            }
        }
        return new ServerAddress(value, fallbackPort);
    }

    /** The base URL, e.g. {@code http://nas:8000}. */
    String url(String scheme) {
        return scheme + "://" + host + ":" + port;
    }
}
