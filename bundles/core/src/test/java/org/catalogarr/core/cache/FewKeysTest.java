package org.catalogarr.core.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;

public class FewKeysTest {

    @Test
    public void aKeptValueIsFoundAndAnotherKeyIsNot() {
        FewKeys<String, Integer> kept = new FewKeys<>(4);
        kept.put("a", 1);

        assertEquals(Optional.of(1), kept.get("a"));
        assertEquals(Optional.empty(), kept.get("b"));
    }

    @Test
    public void everNewKeysNeverHoldMoreThanTheLimit() {
        FewKeys<Integer, Integer> kept = new FewKeys<>(8);
        for (int i = 0; i < 100; i++) {
            kept.put(i, i);
            assertTrue(kept.size() <= 8);
        }
        assertEquals("the newest is always kept", Optional.of(99), kept.get(99));
    }
}
