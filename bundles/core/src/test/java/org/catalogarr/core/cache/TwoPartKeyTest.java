package org.catalogarr.core.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.net.URI;

import org.junit.Test;

public class TwoPartKeyTest {

    @Test
    public void keysWithEqualPartsAreEqualAndOthersAreNot() {
        TwoPartKey<URI, String> key = new TwoPartKey<>(URI.create("http://a:8000"), new String("t=search"));
        TwoPartKey<URI, String> same = new TwoPartKey<>(URI.create("http://a:8000"), new String("t=search"));

        assertEquals(key, same);
        assertEquals(key.hashCode(), same.hashCode());
        assertNotEquals(key, new TwoPartKey<>(URI.create("http://b:8000"), "t=search"));
        assertNotEquals(key, new TwoPartKey<>(URI.create("http://a:8000"), "t=tvsearch"));
        assertNotEquals(new TwoPartKey<>("a", "bc"), new TwoPartKey<>("ab", "c"));
        assertNotEquals(key, "http://a:8000");
    }

    @Test
    public void aMissingPartIsRefused() {
        assertThrows(NullPointerException.class, () -> new TwoPartKey<>(null, "b"));
        assertThrows(NullPointerException.class, () -> new TwoPartKey<>("a", null));
    }
}
