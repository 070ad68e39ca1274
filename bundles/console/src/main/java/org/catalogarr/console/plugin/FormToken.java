package org.catalogarr.console.plugin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret every action form of a plugin carries. Browsers resend the console's Basic credentials with
 * any request, also one a foreign page makes them send; such a page cannot read our forms, so it cannot
 * know the token, and its POST is refused. The Web Console itself has no such token.
 */
final class FormToken {

    static final String FIELD = "token";

    private final String value;

    FormToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    String value() {
        return value;
    }

    /** Compares in constant time, so the answer's timing tells nothing about the token. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.UTF_8));
    }
}
