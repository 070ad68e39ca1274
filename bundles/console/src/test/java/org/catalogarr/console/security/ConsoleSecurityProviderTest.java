package org.catalogarr.console.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.catalogarr.settings.Settings;
import org.junit.Before;
import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class ConsoleSecurityProviderTest {

    private final ConsoleSecurityProvider provider = new ConsoleSecurityProvider(new Settings());

    /** What the provider set on one response. */
    private static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
    }

    @Before
    public void configure() throws Exception {
        provider.configure(null, config("admin", "s3cret", 600));
    }

    private static Map<String, Object> config(String user, String password, long ban) {
        return Map.of("username", user, "password", password, "ban_duration", ban);
    }

    private Object[] login(String address, String authorization) {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "getRemoteAddr" -> address;
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Answer answer = new Answer();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        answer.status = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                    case "setContentType" -> null;
                    case "getWriter" -> new PrintWriter(answer.body, true);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new Object[] { provider.authenticate(request, response), answer };
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    @Test
    public void theRightCredentialsLogIn() {
        assertEquals("admin", login("10.0.0.9", basic("admin", "s3cret"))[0]);
    }

    @Test
    public void noCredentialsAreAskedForWithoutCounting() {
        for (int i = 0; i < 10; i++) {
            Object[] r = login("10.0.0.9", null);
            assertNull(r[0]);
            assertEquals(401, ((Answer) r[1]).status);
            assertEquals("Basic realm=\"Catalogarr\", charset=\"UTF-8\"", ((Answer) r[1]).headers.get("WWW-Authenticate"));
        }
        assertEquals("admin", login("10.0.0.9", basic("admin", "s3cret"))[0]);
    }

    @Test
    public void fiveWrongPasswordsInARowBanTheAddressEvenForTheRightOne() {
        for (int i = 0; i < 4; i++) {
            Object[] r = login("10.0.0.9", basic("admin", "guess" + i));
            assertNull(r[0]);
            assertEquals(401, ((Answer) r[1]).status);
        }
        Object[] fifth = login("10.0.0.9", basic("admin", "guess4"));
        assertEquals(403, ((Answer) fifth[1]).status);

        Object[] right = login("10.0.0.9", basic("admin", "s3cret"));
        assertNull(right[0]);
        assertEquals(403, ((Answer) right[1]).status);
        assertEquals(ConsoleSecurityProvider.BANNED, ((Answer) right[1]).body.toString());
        assertEquals("another address is not banned", "admin", login("10.0.0.10", basic("admin", "s3cret"))[0]);
    }

    @Test
    public void aSuccessInBetweenClearsTheCount() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                login("10.0.0.9", basic("root", "s3cret"));
            }
            assertEquals("admin", login("10.0.0.9", basic("admin", "s3cret"))[0]);
        }
    }

    @Test
    public void aBanOfNoLengthDoesNotSwitchTheThrottleOff() throws Exception {
        provider.configure(null, config("admin", "s3cret", -6));
        for (int i = 0; i < 5; i++) {
            login("10.0.0.9", basic("admin", "guess" + i));
        }

        assertEquals(403, ((Answer) login("10.0.0.9", basic("admin", "s3cret"))[1]).status);
    }
}
