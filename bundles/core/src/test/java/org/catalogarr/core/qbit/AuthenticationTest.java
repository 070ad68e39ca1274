package org.catalogarr.core.qbit;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AuthenticationTest {

    @Test
    public void recognisesLoopbackLiterals() {
        assertTrue(Authentication.loopback("127.0.0.1"));
        assertTrue(Authentication.loopback("127.8.9.10"));
        assertTrue(Authentication.loopback("::1"));
        assertTrue(Authentication.loopback("[::1]"));
        assertTrue(Authentication.loopback("0:0:0:0:0:0:0:1"));
        assertTrue(Authentication.loopback("::ffff:127.0.0.1"));
    }

    @Test
    public void everythingElseIsRemote() {
        assertFalse(Authentication.loopback("192.168.1.20"));
        assertFalse(Authentication.loopback("::ffff:10.0.0.1"));
        assertFalse(Authentication.loopback("fe80::1"));
        assertFalse("host names are never looked up", Authentication.loopback("localhost"));
        assertFalse(Authentication.loopback(""));
        assertFalse(Authentication.loopback(null));
        assertFalse(Authentication.loopback("999.1.1.1"));
        assertFalse(Authentication.loopback("127.0.0"));
    }

    @Test
    public void credentialsMatchOnlyWhenBothFieldsDo() {
        Credentials c = new Credentials("admin", "secret");

        assertTrue(c.match("admin", "secret"));
        assertFalse(c.match("admin", "Secret"));
        assertFalse(c.match("Admin", "secret"));
        assertFalse(c.match("", ""));
        assertTrue(new Credentials("admin", "").loopbackOnly());
    }
}
