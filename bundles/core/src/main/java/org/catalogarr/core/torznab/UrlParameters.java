package org.catalogarr.core.torznab;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings of magnets and download links. */
final class UrlParameters {

    private final StringJoiner text = new StringJoiner("&");

    UrlParameters add(String name, String value) {
        text.add(name + "=" + encode(value));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * Percent-encodes, with a space as {@code %20}: inside a magnet's {@code dn} some clients keep a
     * {@code +} as it is.
     */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Splits a query string into its values by name, in order.
     *
     * @throws IllegalArgumentException for a malformed percent escape
     */
    static Map<String, List<String>> decode(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
