package org.catalogarr.core.qbit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the WebUI API answers.
 *
 * @param status the HTTP status
 * @param contentType the body's content type
 * @param body the body text
 * @param headers further headers, e.g. {@code Set-Cookie}
 */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers) {

    static final String TEXT = "text/plain; charset=UTF-8";
    static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse text(int status, String body) {
        return new ApiResponse(status, TEXT, body, Map.of());
    }

    static ApiResponse ok(String body) {
        return text(200, body);
    }

    static ApiResponse json(String body) {
        return new ApiResponse(200, JSON, body, Map.of());
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }
}
