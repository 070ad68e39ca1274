package org.catalogarr.core.download;

import java.io.IOException;

/** The media server says the file no longer exists (404, 410): fetching it again will not help. */
final class MediaGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    MediaGoneException(String message) {
        super(message);
    }
}
