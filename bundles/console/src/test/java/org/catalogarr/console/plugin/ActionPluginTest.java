package org.catalogarr.console.plugin;

import static org.junit.Assert.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueRow;
import org.catalogarr.core.admin.SettingsForm;
import org.catalogarr.core.admin.SiteTest;
import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class ActionPluginTest {

    private static final String ROOT = "/system/console/catalogarr-catalogues";

    /** Records what the plugin asked for; knows the sites aniworld and sto, and that aniworld is first. */
    private static final class RecordingAdmin implements CatalogueAdmin {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<CatalogueRow> catalogues() {
            return List.of(new CatalogueRow("sto", "s.to", false, OptionalInt.empty(), Optional.empty(), 0,
                    Optional.empty(), List.of(), "disabled", Optional.empty(), OptionalLong.empty(), Optional.empty(),
                    Optional.empty()));
        }

        @Override
        public CatalogueRow catalogue(String siteId) {
            throw new UnsupportedOperationException("the page lists, it does not ask for one site");
        }

        @Override
        public void setPriority(String siteId, int priority) {
            throw new UnsupportedOperationException("the page moves sites, it does not number them");
        }

        @Override
        public SiteTest test(String siteId) {
            throw new UnsupportedOperationException("the page has no test button");
        }

        @Override
        public void refreshIndex(String siteId) {
            throw new UnsupportedOperationException("the page has no refresh button");
        }

        @Override
        public SettingsForm settings(String siteId) {
            throw new UnsupportedOperationException("the page has no settings form");
        }

        @Override
        public SettingsForm updateSettings(String siteId, Map<String, Object> values) {
            throw new UnsupportedOperationException("the page has no settings form");
        }

        @Override
        public void setEnabled(String siteId, boolean enabled) throws AdminException {
            known(siteId);
            calls.add(siteId + " enabled=" + enabled);
        }

        @Override
        public void move(String siteId, Direction direction) throws AdminException {
            known(siteId);
            if (siteId.equals("aniworld") && direction == Direction.UP) {
                throw new AdminException(Reason.CONFLICT, "already first");
            }
            calls.add(siteId + " " + direction);
        }

        private static void known(String siteId) throws AdminException {
            if (!List.of("aniworld", "sto").contains(siteId)) {
                throw new AdminException(Reason.NOT_FOUND, "no site " + siteId);
            }
        }
    }

    private final RecordingAdmin admin = new RecordingAdmin();
    private final CataloguesPlugin plugin = new CataloguesPlugin(admin);
    private final Map<String, Object> answer = new HashMap<>();

    private static HttpServletRequest request(String method, Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(ActionPluginTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getRequestURI" -> ROOT;
                    case "getAttribute" -> null;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> null;
                });
    }

    private HttpServletResponse response(StringWriter body) {
        PrintWriter writer = new PrintWriter(body);
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "sendError", "setStatus" -> answer.put("status", args[0]);
                    case "setHeader" -> answer.put((String) args[0], args[1]);
                    case "getWriter" -> writer;
                    default -> null;
                });
    }

    /** The token of the page's forms, as a browser finds it. */
    private String token() throws Exception {
        StringWriter page = new StringWriter();
        plugin.service(request("GET", Map.of()), response(page));
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.toString());
        token.find();
        return token.group(1);
    }

    private int post(Map<String, String> form) throws Exception {
        answer.clear();
        plugin.service(request("POST", form), response(new StringWriter()));
        return (Integer) answer.get("status");
    }

    @Test
    public void anActionIsCarriedOutAndAnsweredWithARedirectToThePage() throws Exception {
        assertEquals(303, post(Map.of("token", token(), "action", "disable", "site", "sto")));
        assertEquals(ROOT, answer.get("Location"));
        assertEquals(303, post(Map.of("token", token(), "action", "down", "site", "aniworld")));
        assertEquals(List.of("sto enabled=false", "aniworld DOWN"), admin.calls);
    }

    @Test
    public void badRequestsChangeNothing() throws Exception {
        assertEquals("no token", 403, post(Map.of("action", "disable", "site", "sto")));
        assertEquals("wrong token", 403, post(Map.of("token", "guess", "action", "disable", "site", "sto")));
        assertEquals("unknown site", 404, post(Map.of("token", token(), "action", "disable", "site", "nope")));
        assertEquals("unknown action", 400, post(Map.of("token", token(), "action", "drop", "site", "sto")));
        assertEquals("no site", 400, post(Map.of("token", token(), "action", "disable")));
        assertEquals("not possible now", 409, post(Map.of("token", token(), "action", "up", "site", "aniworld")));
        answer.clear();
        plugin.service(request("PUT", Map.of("token", token(), "action", "disable", "site", "sto")),
                response(new StringWriter()));
        assertEquals("only POST changes", 405, answer.get("status"));
        assertEquals(List.of(), admin.calls);
    }
}
