package org.catalogarr.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A script using the admin REST API under {@code /api/catalogarr/v1}: HTTP Basic with the console's admin
 * credentials and, for calls that change something, an {@code Origin} naming the server, as the console's
 * own pages send it.
 */
final class AdminApiClient {

    static final String BASE = "/api/catalogarr/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer with its body read as JSON (a missing node for an empty body). */
    record Answer(int status, JsonNode json, HttpResponse<String> response) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String server;
    private final String authorization;

    AdminApiClient(int port, String user, String password) {
        this.server = "http://127.0.0.1:" + port;
        this.authorization = Http.basic(user, password);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json, Map.of());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json, Map.of());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null, Map.of());
    }

    /** Any call; {@code headers} replace the client's own (an empty Authorization or Origin leaves it out). */
    Answer send(String method, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", authorization);
        if (!"GET".equals(method)) {
            all.put("Origin", server);
        }
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + BASE + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        all.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response);
    }

    /** The catalogue of the list with this id. */
    static JsonNode site(JsonNode catalogues, String id) {
        for (JsonNode catalogue : catalogues) {
            if (id.equals(catalogue.path("id").asText())) {
                return catalogue;
            }
        }
        throw new AssertionError("no catalogue " + id + " in " + catalogues);
    }
}
