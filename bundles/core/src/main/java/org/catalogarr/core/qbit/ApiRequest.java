package org.catalogarr.core.qbit;

import java.util.Map;

/**
 * One call of the WebUI API, independent of the servlet container.
 *
 * @param method GET or POST
 * @param path the method path below {@code /api/v2/}, e.g. {@code torrents/info}
 * @param parameters the query and body parameters
 * @param cookies cookie name → value
 * @param remoteAddress the client's IP address
 */
public record ApiRequest(String method, String path, FormParameters parameters, Map<String, String> cookies,
        String remoteAddress) {

    public ApiRequest {
        cookies = Map.copyOf(cookies);
    }
}
