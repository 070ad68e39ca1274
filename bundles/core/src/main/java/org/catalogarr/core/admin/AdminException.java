package org.catalogarr.core.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Why an admin action was not carried out; nothing was changed. */
public class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No catalogue or download with that id. */
        NOT_FOUND,
        /** The action does not fit the current state, e.g. moving the first site up. */
        CONFLICT,
        /** Values were refused; {@link #fields()} says why for each. */
        INVALID,
        /** The change could not be stored. */
        FAILED
    }

    private final Reason reason;
    private final Map<String, String> fields;

    public AdminException(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    public AdminException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.fields = Map.of();
    }

    /** Refused values: setting name → why, in the order they were found. */
    public AdminException(Reason reason, String message, Map<String, String> fields) {
        super(message);
        this.reason = reason;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Reason reason() {
        return reason;
    }

    /** Why each refused setting was refused; empty unless the reason is {@link Reason#INVALID}. */
    public Map<String, String> fields() {
        return fields;
    }
}
