package org.catalogarr.core.download;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.ProviderException;

import javax.crypto.Cipher;

/**
 * Decrypts one AES-128-CBC segment as its bytes arrive, in chunks of any length. The cipher only ever sees whole
 * 16-byte blocks, the rest waits for the next chunk: NSS's PKCS#11 cipher fails on a chunk that ends inside a block.
 */
final class SegmentDecipher {

    private static final int BLOCK = 16;

    private final Cipher cipher;
    private final byte[] carry = new byte[BLOCK];
    private int carried;

    SegmentDecipher(Cipher cipher) {
        this.cipher = cipher;
    }

    /** The most bytes {@link #update} of this many bytes and then {@link #finish} can put out. */
    int outputSize(int inputBytes) {
        return cipher.getOutputSize(carried + inputBytes);
    }

    /** Decrypts all of {@code in} that completes blocks into {@code out}, which must have {@link #outputSize} room. */
    void update(ByteBuffer in, ByteBuffer out) throws GeneralSecurityException {
        if (carried > 0) {
            int take = Math.min(BLOCK - carried, in.remaining());
            in.get(carry, carried, take);
            carried += take;
            if (carried < BLOCK) {
                return;
            }
            cipher.update(ByteBuffer.wrap(carry), out);
            carried = 0;
        }
        int whole = in.remaining() & -BLOCK;
        if (whole > 0) {
            cipher.update(in.slice(in.position(), whole), out);
            in.position(in.position() + whole);
        }
        carried = in.remaining();
        in.get(carry, 0, carried);
    }

    /**
     * Decrypts the last block and takes its padding off.
     *
     * @throws GeneralSecurityException when the segment does not end on a block or its padding is wrong (a wrong
     *     key, or a body cut short)
     */
    void finish(ByteBuffer out) throws GeneralSecurityException {
        if (carried > 0) {
            throw new GeneralSecurityException("the encrypted segment ends " + carried + " bytes into a block");
        }
        try {
            cipher.doFinal(ByteBuffer.allocate(0), out);
        } catch (ProviderException e) {
            // NSS reports bad padding this way.
            throw new GeneralSecurityException("wrong padding: " + e.getMessage(), e);
        }
    }
}
