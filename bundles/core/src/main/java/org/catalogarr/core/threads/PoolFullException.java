package org.catalogarr.core.threads;

import java.util.concurrent.RejectedExecutionException;

/** A pool's threads are all busy and its queue is full: the work was not taken, and it says which setting to raise. */
public final class PoolFullException extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    PoolFullException(String message) {
        super(message);
    }
}
