package org.catalogarr.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A small HTTP client for the tests that talk to a running Catalogarr. */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)));
    }

    HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return get(path, Map.of("Authorization", basic(user, password)));
    }

    /** A form posted by a page of the admin console, as a browser sends it: Basic credentials, our Origin. */
    HttpResponse<String> postForm(String path, String user, String password, Map<String, String> form)
            throws IOException, InterruptedException {
        return postForm(path, Map.of("Authorization", basic(user, password), "Origin", origin()), form);
    }

    /** The origin of this server's own pages, as a browser names it in {@code Origin}. */
    String origin() {
        return base;
    }

    /** An {@code Authorization} header value with Basic credentials. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with extra request headers. */
    HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send(withHeaders(HttpRequest.newBuilder(URI.create(base + path)), headers));
    }

    /** A GET whose answer is kept as bytes, such as a .torrent file. */
    HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return client.send(withHeaders(HttpRequest.newBuilder(URI.create(base + path)), headers)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST of an {@code application/x-www-form-urlencoded} form, with extra request headers. */
    HttpResponse<String> postForm(String path, Map<String, String> headers, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(withHeaders(HttpRequest.newBuilder(URI.create(base + path)), headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A file in a multipart form: the part's field name, its filename and content type, and its bytes. */
    record FilePart(String field, String filename, String contentType, byte[] content) {
    }

    /** A POST of a {@code multipart/form-data} form with text fields and files, with extra request headers. */
    HttpResponse<String> postMultipart(String path, Map<String, String> headers, Map<String, String> fields,
            List<FilePart> files) throws IOException, InterruptedException {
        String boundary = "----catalogarr-it-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
                    + "\"; filename=\"" + file.filename() + "\"\r\nContent-Type: " + file.contentType()
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(withHeaders(HttpRequest.newBuilder(URI.create(base + path)), headers)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(get("/health").body());
    }

    /** Polls /health until it answers and satisfies the condition; fails with the last answer otherwise. */
    JsonNode awaitHealth(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get("/health");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() / 100 == 2) {
                    JsonNode health = JSON.readTree(response.body());
                    if (condition.test(health)) {
                        return health;
                    }
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/health did not reach the expected state within " + timeout + "; last answer: " + last);
    }

    /**
     * The catalogue entry of /health with this id, or a missing node whose fields read as absent, so that a
     * condition on a site not registered yet is simply not met.
     */
    static JsonNode catalogue(JsonNode health, String id) {
        for (JsonNode catalogue : health.path("catalogues")) {
            if (id.equals(catalogue.path("id").asText())) {
                return catalogue;
            }
        }
        return MissingNode.getInstance();
    }

    /** Whether /health lists the catalogue. */
    static boolean listed(JsonNode health, String id) {
        return !catalogue(health, id).isMissingNode();
    }
}
