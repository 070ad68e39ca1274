package org.catalogarr.console.rest;

import java.util.Map;

/**
 * A request the API refuses before or instead of calling a core service: its status, a plain sentence
 * and, for refused values, the reason per field.
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> fields;

    ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    ApiError(int status, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    int status() {
        return status;
    }

    Map<String, String> fields() {
        return fields;
    }
}
