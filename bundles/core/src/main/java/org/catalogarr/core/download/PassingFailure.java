package org.catalogarr.core.download;

import java.io.IOException;

/** A failure that another attempt may not meet: a broken or silent connection, an overloaded server. */
final class PassingFailure extends IOException {

    private static final long serialVersionUID = 1L;

    PassingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
