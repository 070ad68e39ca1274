package org.catalogarr.catalogue.api;

import java.util.Objects;

/**
 * Why a catalogue site could not answer. Callers tell the cases apart by {@link #reason()}; the
 * message is written for the operator's log and names the site and the URL.
 */
public class CatalogueException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The series, season, episode or link does not exist (also a "soft 404" page with status 200). */
        NOT_FOUND,
        /** The site refused us: anti-bot page, captcha, DDoS-Guard, Turnstile; retrying soon will not help. */
        BLOCKED,
        /** The site did not answer within its budget. */
        TIMEOUT,
        /** The site answered with an error (5xx after retries, 429, broken connection, unexpected status). */
        SITE_ERROR,
        /** The page no longer has the structure the parser relies on; {@link #selector()} names what is missing. */
        LAYOUT_CHANGED
    }

    private final Reason reason;
    private final String selector;

    public CatalogueException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public CatalogueException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    private CatalogueException(Reason reason, String message, String selector, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.selector = selector;
    }

    /** A page that lacks what its parser needs: {@code selector} is the CSS selector (or rule) that found nothing. */
    public static CatalogueException layoutChanged(String selector, String where) {
        return new CatalogueException(Reason.LAYOUT_CHANGED,
                "Layout changed: '" + selector + "' matched nothing on " + where, selector, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The selector that matched nothing, for {@link Reason#LAYOUT_CHANGED}; otherwise null. */
    public String selector() {
        return selector;
    }
}
