package org.catalogarr.core.store;

import java.sql.SQLException;

/**
 * The database refused or failed a read or write. Unchecked, so that callers handle it where they can
 * say something useful (a job's worker, a servlet) rather than at every call.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Derby's messages can quote whole column values; the exception keeps only their start. */
    private static final int MAX_DETAIL = 300;

    private final String sqlState;

    public StoreException(String what, SQLException cause) {
        super(what + ": " + Columns.cut(String.valueOf(cause.getMessage()), MAX_DETAIL) + " (SQLState "
                + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /** Derby's SQLState, e.g. {@code 40XL1} for a lock that was not granted in time. */
    public String sqlState() {
        return sqlState;
    }
}
