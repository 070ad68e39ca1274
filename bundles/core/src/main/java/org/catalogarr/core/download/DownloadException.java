package org.catalogarr.core.download;

/** Why an episode could not be downloaded, for the job's message. */
public class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether trying again later may help (a hoster down) or not (the language is not offered). */
    private final boolean retryable;

    public DownloadException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
