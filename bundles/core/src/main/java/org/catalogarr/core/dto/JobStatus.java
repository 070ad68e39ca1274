package org.catalogarr.core.dto;

/** The lifecycle of a download job: {@code queued → downloading → completed | failed | cancelled}, and paused by the user. */
public enum JobStatus {
    QUEUED,
    DOWNLOADING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The spelling in the database. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
