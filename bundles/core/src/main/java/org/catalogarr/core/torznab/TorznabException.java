package org.catalogarr.core.torznab;

/**
 * A request the Torznab API refuses, with the Newznab error code the client reads from the
 * {@link ErrorDocument}: 200 missing parameter, 201 incorrect parameter, 202 no such function, …
 */
public class TorznabException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String description;

    public TorznabException(int code, String description) {
        super(code + " " + description);
        this.code = code;
        this.description = description;
    }

    static TorznabException missingParameter(String name) {
        return new TorznabException(200, "Missing parameter (" + name + ")");
    }

    static TorznabException incorrectParameter(String name) {
        return new TorznabException(201, "Incorrect parameter: " + name);
    }

    static TorznabException noSuchFunction() {
        return new TorznabException(202, "No such function");
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }
}
