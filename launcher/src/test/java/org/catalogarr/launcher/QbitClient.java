package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One client of the qBittorrent API under {@code /api/v2/}, as Sonarr is one: it keeps the SID cookie of
 * its last successful login and sends it with every request, and no Referer or Origin.
 */
final class QbitClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v2/";

    private final Http http;
    private String cookie = "";

    QbitClient(Http http) {
        this.http = http;
    }

    /** The SID of a {@code Set-Cookie} header of the answer, if it set one. */
    static Optional<String> sid(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SID="))
                .map(c -> c.substring("SID=".length(), c.contains(";") ? c.indexOf(';') : c.length())).findFirst();
    }

    /** {@code auth/login} as a url-encoded form; on success later requests carry the new SID. */
    HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        return keepSid(http.postForm(API + "auth/login", Map.of(), Map.of("username", user, "password", password)));
    }

    /** {@code auth/login} as a multipart form; on success later requests carry the new SID. */
    HttpResponse<String> loginMultipart(String user, String password) throws IOException, InterruptedException {
        return keepSid(http.postMultipart(API + "auth/login", Map.of(), Map.of("username", user, "password", password),
                List.of()));
    }

    private HttpResponse<String> keepSid(HttpResponse<String> login) {
        sid(login).ifPresent(sid -> cookie = "SID=" + sid);
        return login;
    }

    /** Sends this SID from now on, e.g. one that a logout ended. */
    void useSid(String sid) {
        cookie = "SID=" + sid;
    }

    HttpResponse<String> get(String method) throws IOException, InterruptedException {
        return get(method, Map.of());
    }

    HttpResponse<String> get(String method, Map<String, String> headers) throws IOException, InterruptedException {
        return http.get(API + method, withCookie(headers));
    }

    HttpResponse<String> post(String method, Map<String, String> form) throws IOException, InterruptedException {
        return post(method, Map.of(), form);
    }

    HttpResponse<String> post(String method, Map<String, String> headers, Map<String, String> form)
            throws IOException, InterruptedException {
        return http.postForm(API + method, withCookie(headers), form);
    }

    HttpResponse<String> postMultipart(String method, Map<String, String> fields, List<Http.FilePart> files)
            throws IOException, InterruptedException {
        return http.postMultipart(API + method, withCookie(Map.of()), fields, files);
    }

    private Map<String, String> withCookie(Map<String, String> headers) {
        if (cookie.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("Cookie", cookie);
        return all;
    }

    /** A GET that must answer 200 with JSON. */
    JsonNode json(String method) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(method);
        assertEquals(method + ": " + answer.body(), 200, answer.statusCode());
        return JSON.readTree(answer.body());
    }

    /** The torrent with this hash in {@code torrents/info}, if listed. */
    Optional<JsonNode> torrent(String hash) throws IOException, InterruptedException {
        JsonNode torrents = json("torrents/info?hashes=" + hash);
        return torrents.size() == 1 ? Optional.of(torrents.get(0)) : Optional.empty();
    }

    /** Polls {@code torrents/info} until the torrent is listed and satisfies the condition. */
    JsonNode awaitTorrent(String hash, Predicate<JsonNode> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> torrent = torrent(hash);
            if (torrent.isPresent()) {
                last = torrent.get();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("torrent " + hash + " never got there within " + timeout + "; last seen: " + last);
    }
}
