package org.catalogarr.core.qbit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The configured WebUI login.
 *
 * @param username the user name clients log in with
 * @param password the password; empty means "loopback clients only, without login"
 */
public record Credentials(String username, String password) {

    boolean loopbackOnly() {
        return password.isEmpty();
    }

    /** Compares in constant time, both fields always, so the answer time tells nothing about either. */
    boolean match(String user, String pass) {
        return MessageDigest.isEqual(bytes(username), bytes(user))
                & MessageDigest.isEqual(bytes(password), bytes(pass));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
