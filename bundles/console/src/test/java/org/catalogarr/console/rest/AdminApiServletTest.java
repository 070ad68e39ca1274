package org.catalogarr.console.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.catalogarr.console.security.AdminLogin;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueRow;
import org.catalogarr.core.admin.DownloadAdmin;
import org.catalogarr.core.admin.DownloadRow;
import org.catalogarr.core.admin.LogLine;
import org.catalogarr.core.admin.ServiceAdmin;
import org.catalogarr.core.admin.ServiceStatus;
import org.catalogarr.core.admin.SettingsField;
import org.catalogarr.core.admin.SettingsForm;
import org.catalogarr.core.admin.SiteTest;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class AdminApiServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    private final List<String> calls = new ArrayList<>();
    private AdminLogin.Login login = AdminLogin.Login.ok("admin");

    /** Knows aniworld (first) and sto; refuses what the core would. */
    private final CatalogueAdmin catalogues = new CatalogueAdmin() {
        @Override
        public List<CatalogueRow> catalogues() {
            return List.of(row("aniworld", 1), row("sto", 2));
        }

        @Override
        public CatalogueRow catalogue(String siteId) throws AdminException {
            known(siteId);
            return row(siteId, siteId.equals("aniworld") ? 1 : 2);
        }

        @Override
        public void setEnabled(String siteId, boolean enabled) throws AdminException {
            known(siteId);
            if (enabled && siteId.equals("sto")) {
                throw new AdminException(Reason.CONFLICT, "its settings are refused: search_priority must be 1 or more");
            }
            calls.add(siteId + " enabled=" + enabled);
        }

        @Override
        public void move(String siteId, Direction direction) throws AdminException {
            known(siteId);
            if (siteId.equals("aniworld") && direction == Direction.UP) {
                throw new AdminException(Reason.CONFLICT, "Catalogue site 'aniworld' is already searched first.");
            }
            calls.add(siteId + " " + direction);
        }

        @Override
        public void setPriority(String siteId, int priority) throws AdminException {
            known(siteId);
            calls.add(siteId + " priority=" + priority);
        }

        @Override
        public SiteTest test(String siteId) throws AdminException {
            known(siteId);
            return new SiteTest(false, "sto answered HTTP 503", 42, 0);
        }

        @Override
        public void refreshIndex(String siteId) throws AdminException {
            known(siteId);
            calls.add(siteId + " refresh");
        }

        @Override
        public SettingsForm settings(String siteId) throws AdminException {
            known(siteId);
            return new SettingsForm("org.catalogarr.site." + siteId, List.of(new SettingsField("search_priority",
                    "Search priority", "Order", "int", Optional.empty(), 2L, 2L)));
        }

        @Override
        public SettingsForm updateSettings(String siteId, Map<String, Object> values) throws AdminException {
            known(siteId);
            calls.add(siteId + " settings=" + values);
            if (values.containsKey("search_priority") && !values.get("search_priority").equals(3L)) {
                throw new AdminException(Reason.INVALID, "The settings were refused.",
                        Map.of("search_priority", "must be 1 or more, was -1"));
            }
            return settings(siteId);
        }
    };

    private final DownloadAdmin downloads = new DownloadAdmin() {
        @Override
        public List<DownloadRow> downloads() {
            return List.of(job("aa", "completed", "aniworld", NOW.minusSeconds(30)),
                    job("bb", "downloading", "sto", NOW.minusSeconds(10)),
                    job("cc", "retrying", "aniworld", NOW.minusSeconds(20)),
                    job("dd", "queued", "aniworld", NOW.minusSeconds(40)));
        }

        @Override
        public void pause(String hash) throws AdminException {
            calls.add("pause " + known(hash));
        }

        @Override
        public void resume(String hash) throws AdminException {
            calls.add("resume " + known(hash));
        }

        @Override
        public void retry(String hash) throws AdminException {
            if (known(hash).equals("bb")) {
                throw new AdminException(Reason.CONFLICT, "Download bb is downloading.");
            }
            calls.add("retry " + hash);
        }

        @Override
        public void delete(String hash, boolean withFiles) throws AdminException {
            calls.add("delete " + known(hash) + " files=" + withFiles);
        }

        @Override
        public void topPriority(String hash) throws AdminException {
            calls.add("top " + known(hash));
        }

        private String known(String hash) throws AdminException {
            if (downloads().stream().noneMatch(row -> row.hash().equals(hash))) {
                throw new AdminException(Reason.NOT_FOUND, "There is no download " + hash + ".");
            }
            return hash;
        }
    };

    private final ServiceAdmin service = new ServiceAdmin() {
        @Override
        public ServiceStatus status() {
            return new ServiceStatus("1.2.3", "degraded", List.of("s.to failed at its last request"), "k3y", "sonarr");
        }

        @Override
        public List<LogLine> recentLog(int limit) {
            calls.add("log " + limit);
            return List.of(new LogLine(NOW, "WARN", "TitleIndex", "aniworld could not be reached"));
        }
    };

    private final AdminApiServlet servlet = new AdminApiServlet(catalogues, downloads, service, request -> login);

    private static CatalogueRow row(String id, int priority) {
        return new CatalogueRow(id, id.toUpperCase(), true, OptionalInt.of(priority), Optional.of("https://" + id),
                120, Optional.of(NOW.minusSeconds(90)), List.of(), "ok", Optional.of(NOW.minusSeconds(5)),
                OptionalLong.of(310), Optional.empty(), Optional.empty());
    }

    private static DownloadRow job(String hash, String state, String site, Instant added) {
        return new DownloadRow(hash, "Show." + hash, site, "german-dub", state, 0.25, 2048, 100, OptionalLong.of(400),
                site.equals("sto") ? "tv" : "", Optional.empty(), added, state.equals("retrying")
                        ? Optional.of(NOW.plusSeconds(15)) : Optional.empty(), OptionalLong.empty());
    }

    private static void known(String siteId) throws AdminException {
        if (!List.of("aniworld", "sto").contains(siteId)) {
            throw new AdminException(Reason.NOT_FOUND, "There is no catalogue site '" + siteId + "'.");
        }
    }

    /** What the servlet answered. */
    private record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Answer call(String method, String path, String body) throws Exception {
        return call(method, path, body, Map.of());
    }

    private Answer call(String method, String path, String body, Map<String, String> parameters) throws Exception {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> path;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getHeader" -> "Host".equals(args[0]) ? "nas:8000" : null;
                    case "getScheme" -> "http";
                    case "getServerName" -> "127.0.0.1";
                    case "getServerPort" -> 8000;
                    case "getInputStream" -> new ServletInputStream() {
                        @Override
                        public int read() {
                            return in.read();
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
                    default -> null;
                });
        int[] status = {200};
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "getOutputStream" -> {
                            return new ServletOutputStream() {
                                @Override
                                public void write(int b) {
                                    out.write(b);
                                }

                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener listener) {
                                    throw new UnsupportedOperationException();
                                }
                            };
                        }
                        default -> {
                            return null;
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        return new Answer(status[0], headers, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void refusesWithoutLoginAndAsksForIt() throws Exception {
        login = AdminLogin.Login.refused(401, "Log in with the admin console's user name and password.");
        Answer answer = call("POST", "/catalogues/aniworld/disable", null);

        assertEquals(401, answer.status());
        assertTrue(answer.headers().get("WWW-Authenticate").startsWith("Basic"));
        assertEquals("Log in with the admin console's user name and password.", answer.json().path("error").asText());
        assertTrue("nothing was done", calls.isEmpty());

        login = AdminLogin.Login.refused(403, "Too many failed logins");
        Answer banned = call("GET", "/catalogues", null);
        assertEquals(403, banned.status());
        assertFalse(banned.headers().containsKey("WWW-Authenticate"));
    }

    @Test
    public void theOverviewUsesTheAddressTheClientReachedUs() throws Exception {
        JsonNode overview = call("GET", "/overview", null).json();

        assertEquals("http://nas:8000/torznab/api", overview.path("torznab").path("url").asText());
        assertEquals("k3y", overview.path("torznab").path("apikey").asText());
        assertEquals("nas", overview.path("qbittorrent").path("host").asText());
        assertEquals(8000, overview.path("qbittorrent").path("port").asInt());
        assertEquals("sonarr", overview.path("qbittorrent").path("username").asText());
        assertEquals("degraded", overview.path("health").path("status").asText());
        assertEquals("s.to failed at its last request", overview.path("health").path("problems").get(0).asText());
        assertEquals("1.2.3", overview.path("version").asText());
    }

    @Test
    public void listsCataloguesWithTheContractsNames() throws Exception {
        Answer answer = call("GET", "/catalogues", null);

        assertEquals("application/json; charset=utf-8", answer.headers().get("Content-Type"));
        assertEquals("no-store", answer.headers().get("Cache-Control"));
        JsonNode aniworld = answer.json().get(0);
        assertEquals("aniworld", aniworld.path("id").asText());
        assertEquals(1, aniworld.path("priority").asInt());
        assertEquals("ok", aniworld.path("state").asText());
        assertEquals("2026-12-05T05:59:55Z", aniworld.path("lastSearchAt").asText());
        assertEquals(310, aniworld.path("lastLatencyMs").asInt());
        assertTrue(aniworld.path("lastError").isNull());
        assertTrue(aniworld.path("blockedUntil").isNull());
        assertTrue(aniworld.path("indexAgeSeconds").asLong() >= 90);
        assertEquals(120, aniworld.path("indexTitles").asInt());
        assertTrue(aniworld.path("problems").isArray());
    }

    @Test
    public void actionsAnswerTheRowOrWhyNot() throws Exception {
        Answer disabled = call("POST", "/catalogues/aniworld/disable", null);
        assertEquals(200, disabled.status());
        assertEquals("aniworld", disabled.json().path("id").asText());
        Answer refused = call("POST", "/catalogues/sto/enable", null);
        assertEquals(409, refused.status());
        assertTrue(refused.json().path("error").asText().contains("search_priority"));
        Answer first = call("POST", "/catalogues/aniworld/priority", "{\"move\":\"up\"}");
        assertEquals(409, first.status());
        assertEquals("Catalogue site 'aniworld' is already searched first.", first.json().path("error").asText());
        assertEquals(200, call("POST", "/catalogues/sto/priority", "{\"move\":\"up\"}").status());
        assertEquals(200, call("POST", "/catalogues/sto/priority", "{\"priority\":5}").status());
        assertEquals(404, call("POST", "/catalogues/kinox/enable", null).status());

        assertEquals(List.of("aniworld enabled=false", "sto UP", "sto priority=5"), calls);
    }

    @Test
    public void badBodiesAreRefusedWithTheFieldsAtFault() throws Exception {
        Answer words = call("POST", "/catalogues/sto/priority", "{\"priority\":\"two\"}");
        assertEquals(400, words.status());
        assertTrue(words.json().path("fields").has("priority"));
        Answer fraction = call("POST", "/catalogues/sto/priority", "{\"priority\":1.5}");
        assertEquals(400, fraction.status());
        Answer both = call("POST", "/catalogues/sto/priority", "{\"priority\":1,\"move\":\"up\"}");
        assertEquals(400, both.status());
        Answer sideways = call("POST", "/catalogues/sto/priority", "{\"move\":\"left\"}");
        assertEquals("must be \"up\" or \"down\"", sideways.json().path("fields").path("move").asText());
        assertEquals(400, call("POST", "/catalogues/sto/priority", "{\"priority\":").status());
        assertEquals(400, call("POST", "/catalogues/sto/priority", "[1]").status());
        assertEquals(400, call("POST", "/catalogues/sto/priority", "").status());
        assertEquals(413, call("POST", "/catalogues/sto/priority", "{\"x\":\"" + "a".repeat(70_000) + "\"}").status());
        assertTrue(calls.isEmpty());
    }

    @Test
    public void settingsAreReadAndWrittenAsValues() throws Exception {
        JsonNode form = call("GET", "/catalogues/sto/settings", null).json();
        assertEquals("org.catalogarr.site.sto", form.path("pid").asText());
        JsonNode field = form.path("fields").get(0);
        assertEquals("search_priority", field.path("name").asText());
        assertEquals("int", field.path("type").asText());
        assertTrue(field.path("options").isNull());
        assertEquals(2, field.path("value").asInt());
        assertEquals(2, field.path("default").asInt());

        Answer refused = call("PUT", "/catalogues/sto/settings", "{\"values\":{\"search_priority\":-1}}");
        assertEquals(400, refused.status());
        assertEquals("must be 1 or more, was -1", refused.json().path("fields").path("search_priority").asText());
        assertEquals(200, call("PUT", "/catalogues/sto/settings",
                "{\"values\":{\"search_priority\":3,\"enabled\":true,\"display_name\":\"S\"}}").status());
        assertEquals(400, call("PUT", "/catalogues/sto/settings", "{\"search_priority\":3}").status());
        assertEquals(405, call("POST", "/catalogues/sto/settings", "{}").status());
        assertEquals(List.of("sto settings={search_priority=-1}", "sto settings={search_priority=3, enabled=true,"
                + " display_name=S}"), calls);
    }

    @Test
    public void testAndRefreshAnswerWhatHappened() throws Exception {
        JsonNode test = call("POST", "/catalogues/sto/test", null).json();
        assertFalse(test.path("ok").asBoolean());
        assertEquals("sto answered HTTP 503", test.path("message").asText());
        assertEquals(42, test.path("latencyMs").asInt());
        assertEquals(0, test.path("titles").asInt());
        Answer refresh = call("POST", "/catalogues/sto/refresh-index", null);
        assertEquals(202, refresh.status());
        assertFalse(refresh.json().path("message").asText().isBlank());
        assertEquals(List.of("sto refresh"), calls);
    }

    @Test
    public void jobsComeActiveFirstAndCanBeFiltered() throws Exception {
        JsonNode jobs = call("GET", "/jobs", null).json();
        List<String> order = new ArrayList<>();
        jobs.forEach(job -> order.add(job.path("hash").asText()));
        assertEquals(List.of("bb", "dd", "cc", "aa"), order);
        JsonNode retrying = jobs.get(2);
        assertEquals("retrying", retrying.path("state").asText());
        assertEquals("2026-12-05T06:00:15Z", retrying.path("retryAt").asText());
        assertEquals(400, retrying.path("size").asInt());
        assertEquals(100, retrying.path("downloaded").asInt());
        assertEquals(2048, retrying.path("speed").asInt());
        assertTrue(retrying.path("eta").isNull());
        assertEquals("2026-12-05T05:59:40Z", retrying.path("addedAt").asText());

        assertEquals(1, call("GET", "/jobs", null, Map.of("site", "sto")).json().size());
        assertEquals(1, call("GET", "/jobs", null, Map.of("category", "tv")).json().size());
        assertEquals(3, call("GET", "/jobs", null, Map.of("state", "", "site", "aniworld")).json().size());
        assertEquals(1, call("GET", "/jobs", null, Map.of("state", "retrying")).json().size());
        assertEquals(400, call("GET", "/jobs", null, Map.of("state", "sleeping")).status());
    }

    @Test
    public void jobActionsAndDeletion() throws Exception {
        assertEquals("bb", call("POST", "/jobs/bb/pause", null).json().path("hash").asText());
        assertEquals(200, call("POST", "/jobs/bb/resume", null).status());
        assertEquals(409, call("POST", "/jobs/bb/retry", null).status());
        assertEquals(200, call("POST", "/jobs/cc/retry", null).status());
        assertEquals(404, call("POST", "/jobs/zz/pause", null).status());
        assertEquals(404, call("POST", "/jobs/bb/explode", null).status());
        Answer deleted = call("DELETE", "/jobs/aa", null, Map.of("files", "true"));
        assertEquals(204, deleted.status());
        assertEquals("", deleted.body());
        assertEquals(204, call("DELETE", "/jobs/dd", null).status());
        assertEquals(400, call("DELETE", "/jobs/dd", null, Map.of("files", "yes")).status());
        assertEquals(405, call("GET", "/jobs/dd", null).status());

        assertEquals(List.of("pause bb", "resume bb", "retry cc", "delete aa files=true", "delete dd files=false"),
                calls);
    }

    @Test
    public void theLogIsLimited() throws Exception {
        JsonNode log = call("GET", "/log", null).json();
        assertEquals("2026-12-05T06:00:00Z", log.get(0).path("at").asText());
        assertEquals("WARN", log.get(0).path("level").asText());
        assertEquals("TitleIndex", log.get(0).path("logger").asText());
        assertEquals("aniworld could not be reached", log.get(0).path("message").asText());
        call("GET", "/log", null, Map.of("limit", "500"));
        assertEquals(400, call("GET", "/log", null, Map.of("limit", "501")).status());
        assertEquals(400, call("GET", "/log", null, Map.of("limit", "-1")).status());
        assertEquals(List.of("log 100", "log 500"), calls);
    }

    @Test
    public void unknownCallsAndMethodsAreSaidSo() throws Exception {
        assertEquals(404, call("GET", "/", null).status());
        assertEquals(404, call("GET", null, null).status());
        assertEquals(404, call("GET", "/catalogues/sto/enable/now", null).status());
        Answer method = call("DELETE", "/overview", null);
        assertEquals(405, method.status());
        assertTrue(method.json().path("error").asText().contains("GET"));
    }

    @Test
    public void serverAddressesKeepIpv6BracketsAndFallBackToTheRequest() {
        assertEquals(new ServerAddress("[::1]", 8000), ServerAddress.of("[::1]:8000", "x", 1));
        assertEquals(new ServerAddress("[::1]", 8080), ServerAddress.of("[::1]", "x", 8080));
        assertEquals(new ServerAddress("nas", 80), ServerAddress.of("nas", "x", 80));
        assertEquals(new ServerAddress("127.0.0.1", 9000), ServerAddress.of(null, "127.0.0.1", 9000));
        assertEquals("http://nas:8000", ServerAddress.of("nas:8000", "x", 1).url("http"));
    }
}
