package org.catalogarr.console.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks a request's admin credentials. The console's {@link ConsoleSecurityProvider} is the one
 * implementation, so the console and the admin REST API count failed logins against the same throttle.
 */
public interface AdminLogin {

    /**
     * Whether a request may go on.
     *
     * @param user the user name when the credentials match
     * @param status 401 (no or wrong credentials: ask for them) or 403 (banned) when refused
     * @param message why it was refused, for the answer's body
     */
    record Login(Optional<String> user, int status, String message) {

        public static Login ok(String user) {
            return new Login(Optional.of(user), HttpServletResponse.SC_OK, "");
        }

        public static Login refused(int status, String message) {
            return new Login(Optional.empty(), status, message);
        }
    }

    /** Checks the request's HTTP Basic credentials; a banned address is refused whatever it sends. */
    Login login(HttpServletRequest request);

    /** The header that makes a browser ask for the credentials. */
    static void challenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Catalogarr\", charset=\"UTF-8\"");
    }
}
