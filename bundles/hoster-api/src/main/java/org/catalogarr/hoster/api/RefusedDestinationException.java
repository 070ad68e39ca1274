package org.catalogarr.hoster.api;

import java.io.IOException;

/**
 * A URL that {@link DestinationPolicy} does not let the service fetch. An {@link IOException}, so that
 * it travels the paths of other failed requests; trying it again later does not help.
 */
public class RefusedDestinationException extends IOException {

    private static final long serialVersionUID = 1L;

    public RefusedDestinationException(String message) {
        super(message);
    }
}
