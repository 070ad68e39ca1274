package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's answer to one request.
 *
 * @param uri the URL that answered (after redirects, when they were followed)
 * @param status the HTTP status
 * @param headers the response headers, names in lower case
 * @param body the body as text
 */
public record Page(URI uri, int status, Map<String, List<String>> headers, String body) {

    public Page {
        headers = Map.copyOf(headers);
    }

    /** The {@code Location} of a redirect, resolved against the request URL. */
    public Optional<URI> location() {
        List<String> values = headers.getOrDefault("location", List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(uri.resolve(values.get(0).strip()));
    }
}
