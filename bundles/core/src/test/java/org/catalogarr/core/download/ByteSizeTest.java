package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ByteSizeTest {

    @Test
    public void bytesAreShownInTheLargestBinaryUnitWithOneDecimal() {
        assertEquals("0 B", ByteSize.format(0));
        assertEquals("1023 B", ByteSize.format(1023));
        assertEquals("1.0 KiB", ByteSize.format(1024));
        assertEquals("1.0 MiB", ByteSize.format(1024 * 1024));
        assertEquals("1.5 MiB", ByteSize.format(1024 * 1024 * 3 / 2));
        assertEquals("4.0 GiB", ByteSize.format(4L << 30));
        assertEquals("8.0 EiB", ByteSize.format(Long.MAX_VALUE));
    }
}
