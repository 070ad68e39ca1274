package org.catalogarr.hoster.api;

/**
 * Why a hoster gave no media. The message is written for the operator's log and names the hoster and
 * the URL.
 */
public class HosterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean gone;

    public HosterException(String message, boolean gone) {
        this(message, gone, null);
    }

    public HosterException(String message, boolean gone, Throwable cause) {
        super(message, cause);
        this.gone = gone;
    }

    /**
     * True when the file is permanently gone (404, 410, "File was deleted"), so retrying this link is
     * pointless; false when the hoster is only down for now (timeouts, 5xx, maintenance pages).
     */
    public boolean gone() {
        return gone;
    }
}
