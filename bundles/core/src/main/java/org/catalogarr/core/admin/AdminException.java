package org.catalogarr.core.admin;

/** Why an admin action was not carried out; nothing was changed. */
public class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No catalogue or download with that id. */
        NOT_FOUND,
        /** The action does not fit the current state, e.g. moving the first site up. */
        CONFLICT,
        /** The change could not be stored. */
        FAILED
    }

    private final Reason reason;

    public AdminException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AdminException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
