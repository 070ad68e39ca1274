package org.catalogarr.core.torrent;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import org.junit.Test;

public class BtihTest {

    @Test
    public void readsSonarrsBase32ExampleAsItsHexHash() {
        assertEquals(Optional.of("cbc2f069fe8bb2f544eae707d75bcd3de9dcf951"), Btih.hex("ZPBPA2P6ROZPKRHK44D5OW6NHXU5Z6KR"));
        assertEquals(Optional.of("cbc2f069fe8bb2f544eae707d75bcd3de9dcf951"), Btih.hex("zpbpa2p6rozpkrhk44d5ow6nhxu5z6kr"));
    }

    @Test
    public void lowersHexOfAnyCase() {
        assertEquals(Optional.of("cbc2f069fe8bb2f544eae707d75bcd3de9dcf951"),
                Btih.hex("CBC2F069fe8bb2f544eae707d75bcd3de9dcf951"));
    }

    @Test
    public void refusesOtherLengthsAndAlphabets() {
        assertEquals(Optional.empty(), Btih.hex(""));
        assertEquals(Optional.empty(), Btih.hex("cbc2f069fe8bb2f544eae707d75bcd3de9dcf95"));
        assertEquals(Optional.empty(), Btih.hex("cbc2f069fe8bb2f544eae707d75bcd3de9dcf951a"));
        assertEquals(Optional.empty(), Btih.hex("ZPBPA2P6ROZPKRHK44D5OW6NHXU5Z6K"));
        assertEquals(Optional.empty(), Btih.hex("ZPBPA2P6ROZPKRHK44D5OW6NHXU5Z6K1"));
        assertEquals(Optional.empty(), Btih.hex("ZPBPA2P6ROZPKRHK44D5OW6NHXU5Z6K="));
        assertEquals(Optional.empty(), Btih.hex("gbc2f069fe8bb2f544eae707d75bcd3de9dcf951"));
    }
}
