package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.catalogarr.core.servlet.RecordedResponse;
import org.catalogarr.settings.Settings;
import org.junit.Test;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** The servlet only adapts; these check that the adaptation loses nothing on the way in or out. */
public class QbitApiServletTest {

    private final FakeJobs jobs = new FakeJobs(Instant.parse("2026-11-26T10:00:00Z"));
    private final QbitApiServlet servlet = new QbitApiServlet(jobs, new Settings(), config("admin", "secret"));
    /** Whether the servlet read any of the last request's body. */
    private boolean bodyRead;

    private static QbitApiServlet.Config config(String username, String password) {
        return (QbitApiServlet.Config) Proxy.newProxyInstance(QbitApiServlet.Config.class.getClassLoader(),
                new Class<?>[] { QbitApiServlet.Config.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "username" -> username;
                    case "password" -> password;
                    case "session__timeout", "ban__duration" -> 3600L;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A response that remembers what was written to it. */
    private RecordedResponse send(String method, String pathInfo, String query, String contentType, byte[] body,
            Map<String, String> headers, Cookie... cookies) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ServletInputStream input = new ServletInputStream() {
            @Override
            public int read() {
                bodyRead = true;
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                bodyRead = true;
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getQueryString" -> query;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> (long) body.length;
                    case "getInputStream" -> input;
                    case "getCookies" -> cookies.length == 0 ? null : cookies;
                    case "getRemoteAddr" -> "192.168.1.20";
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        RecordedResponse answer = new RecordedResponse();
        servlet.service(request, answer.response());
        return answer;
    }

    private String login() throws Exception {
        RecordedResponse a = send("POST", "/auth/login", null, "application/x-www-form-urlencoded",
                "username=admin&password=secret".getBytes(StandardCharsets.UTF_8), Map.of());
        String cookie = a.headers.get("Set-Cookie");
        return cookie.substring("SID=".length(), cookie.indexOf(';'));
    }

    @Test
    public void loginSetsTheCookieAndTheBodyLength() throws Exception {
        RecordedResponse a = send("POST", "/auth/login", null, "application/x-www-form-urlencoded; charset=UTF-8",
                "username=admin&password=secret".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Basic YWRtaW46c2VjcmV0"));

        assertEquals(200, a.status);
        assertEquals("Ok.", a.text());
        assertEquals("3", a.headers.get("Content-Length"));
        assertTrue(a.headers.get("Set-Cookie").startsWith("SID="));
        assertEquals("text/plain; charset=UTF-8", a.headers.get("Content-Type"));
    }

    @Test
    public void aMultipartAddWithCookieAndBasicHeaderWorks() throws Exception {
        String sid = login();
        byte[] body = FormParametersTest.multipart("urls", FakeJobs.magnet(1, "A"), "stopped", "False");

        RecordedResponse a = send("POST", "/torrents/add", null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                body, Map.of("Authorization", "Basic YWRtaW46c2VjcmV0"), new Cookie("SID", sid));

        assertEquals("Ok.", a.text());
        assertEquals(1, jobs.all().size());
        RecordedResponse info = send("GET", "/torrents/info", "category=", null, new byte[0], Map.of(), new Cookie("SID", sid));
        assertEquals("application/json", info.headers.get("Content-Type"));
        assertTrue(info.text().contains("\"hash\":\"" + QbitApiTest.H1 + "\""));
    }

    @Test
    public void aTorrentFileLargerThanTheLimitIs413AndAddsNothing() throws Exception {
        String sid = login();
        byte[] body = FormParametersTest.multipart(List.of(new FilePart("torrents", "big.torrent",
                new byte[FormParameters.MAX_FILE_BYTES + 1])), "urls", FakeJobs.magnet(1, "A"));

        RecordedResponse a = send("POST", "/torrents/add", null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                body, Map.of(), new Cookie("SID", sid));

        assertEquals(413, a.status);
        assertEquals("File 'big.torrent' in field 'torrents' has 1048577 bytes, more than the 1048576 a file may have",
                a.text());
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    public void aBrokenMultipartBodyIs400() throws Exception {
        RecordedResponse a = send("POST", "/auth/login", null, "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertEquals(400, a.status);
        assertEquals("multipart/form-data without a boundary", a.text());
    }

    @Test
    public void withoutACookieTheAnswerIs403() throws Exception {
        RecordedResponse a = send("GET", "/torrents/info", null, null, new byte[0], Map.of());

        assertEquals(403, a.status);
        assertEquals("Forbidden", a.text());
    }

    @Test
    public void theBareApiPathIsNotAnEndpoint() throws Exception {
        assertEquals(404, send("GET", null, null, null, new byte[0], Map.of()).status);
    }

    @Test
    public void anUnauthenticatedRequestIsRefusedBeforeItsBodyIsRead() throws Exception {
        byte[] unparseable = "--x\r\nno headers, never closed".getBytes(StandardCharsets.UTF_8);

        RecordedResponse a = send("POST", "/torrents/add", null, "multipart/form-data; boundary=x", unparseable,
                Map.of());

        assertEquals(403, a.status);
        assertFalse("the body was read", bodyRead);
    }

    @Test
    public void aBodyOverTheSmallLimitIs413WithoutBeingRead() throws Exception {
        String sid = login();
        byte[] body = ("hashes=" + "a".repeat(QbitApiServlet.MAX_BODY)).getBytes(StandardCharsets.UTF_8);
        bodyRead = false;

        RecordedResponse a = send("POST", "/torrents/delete", null, "application/x-www-form-urlencoded", body,
                Map.of(), new Cookie("SID", sid));

        assertEquals(413, a.status);
        assertEquals("Request body larger than 65536 bytes", a.text());
        assertFalse("the body was read", bodyRead);
        RecordedResponse login = send("POST", "/auth/login", null, "application/x-www-form-urlencoded", body, Map.of());
        assertEquals("a login is small too", 413, login.status);
    }

    @Test
    public void onlyTorrentsAddTakesLargeBodies() throws Exception {
        String sid = login();
        byte[] body = FormParametersTest.multipart("urls", FakeJobs.magnet(1, "A"), "padding",
                "x".repeat(1024 * 1024));

        RecordedResponse a = send("POST", "/torrents/add", null, "multipart/form-data; boundary=" + FormParametersTest.BOUNDARY,
                body, Map.of(), new Cookie("SID", sid));

        assertEquals("Ok.", a.text());
        assertEquals(1, jobs.all().size());
        byte[] tooLarge = new byte[QbitApiServlet.MAX_ADD_BODY + 1];
        assertEquals(413, send("POST", "/torrents/add", null, "application/x-www-form-urlencoded", tooLarge, Map.of(),
                new Cookie("SID", sid)).status);
    }
}
