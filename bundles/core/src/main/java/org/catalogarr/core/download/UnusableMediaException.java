package org.catalogarr.core.download;

import java.io.IOException;

/**
 * The media exists but comes in a form Catalogarr cannot turn into a file (a broken or live HLS
 * playlist, an encryption it does not know): fetching it again will not help.
 */
final class UnusableMediaException extends IOException {

    private static final long serialVersionUID = 1L;

    UnusableMediaException(String message) {
        super(message);
    }

    UnusableMediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
