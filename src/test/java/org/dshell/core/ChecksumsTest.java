package org.dshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.Adler32;

import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static final int SLICE = 64 << 10;

    @Test
    void slicedUpdateSumsEveryRemainingByteOnceAndLeavesTheBufferAsItWas() {
        Random random = new Random(42);
        // around the slice size, and buffers of many slices with a ragged end, heap and direct
        int[] sizes = {0, 1, 4095, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 17, (4 << 20) + 1234};
        for (int size : sizes) {
            byte[] bytes = new byte[size + 100];
            random.nextBytes(bytes);
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
                buffer.put(bytes).position(37).limit(37 + size);
                Adler32 expected = new Adler32();
                expected.update(bytes, 37, size);
                Adler32 sliced = new Adler32();
                Checksums.update(sliced, buffer);
                assertEquals(expected.getValue(), sliced.getValue(), size + " bytes, direct " + direct);
                assertEquals(37, buffer.position(), "position untouched");
                assertEquals(37 + size, buffer.limit(), "limit untouched");
            }
        }
    }

    @Test
    void slicedUpdatesContinueAChecksumAcrossCalls() {
        byte[] bytes = new byte[5 * SLICE + 3];
        new Random(7).nextBytes(bytes);
        Adler32 whole = new Adler32();
        whole.update(bytes);
        Adler32 pieces = new Adler32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        Checksums.update(pieces, buffer.duplicate().limit(SLICE + 5));
        Checksums.update(pieces, buffer.duplicate().position(SLICE + 5));
        assertEquals(Checksums.adler32Hex(whole), Checksums.adler32Hex(pieces));
    }

    @Test
    void hexIsEightLowerCaseDigitsAndComparisonForgivesCaseAndLeadingZeros() {
        assertEquals("0000ff01", Checksums.adler32Hex(0xff01L));
        assertEquals("deadbeef", Checksums.adler32Hex(0xdeadbeefL));
        assertTrue(Checksums.same("0000FF01", "ff01"));
        assertFalse(Checksums.same("0000ff01", "0000ff02"));
        assertFalse(Checksums.same(null, "0000ff01"));
    }
}
