package org.catalogarr.core.jobs;

/** A request about jobs that cannot be carried out, with a message for the client. */
public class JobException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the request. */
    public enum Reason {
        /** The category is unknown, or its name is empty. */
        BAD_CATEGORY,
        /** A save path outside the download root (.., absolute elsewhere, symlinks). */
        PATH_OUTSIDE_ROOT,
        /** A name, tag or path longer than the database keeps. */
        BAD_VALUE
    }

    private final Reason reason;

    public JobException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
