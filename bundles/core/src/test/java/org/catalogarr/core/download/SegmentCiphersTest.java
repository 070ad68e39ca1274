package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SegmentCiphersTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(13);
    private final byte[] key = bytes(16);
    private final byte[] iv = bytes(16);

    @Test
    public void theFastestCiphersDecryptWhatTheJdkEncryptedInChunksIntoHeapAndDirectBuffers() throws Exception {
        byte[] plain = bytes(3 * 1024 * 1024 + 7);
        byte[] encrypted = encrypt(plain);
        for (boolean direct : List.of(false, true)) {
            for (SegmentCiphers ciphers : List.of(SegmentCiphers.fastest(), SegmentCiphers.jdk())) {
                assertArrayEquals(ciphers.name(), plain, decrypt(ciphers, encrypted, direct));
            }
        }
    }

    private byte[] decrypt(SegmentCiphers ciphers, byte[] encrypted, boolean direct) throws GeneralSecurityException {
        SegmentDecipher cipher = ciphers.decipher(key, iv);
        int room = cipher.outputSize(encrypted.length);
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(room) : ByteBuffer.allocate(room);
        // Chunks of odd lengths, as the network hands them over: blocks straddle the calls.
        for (int at = 0; at < encrypted.length; at += 100_003) {
            cipher.update(ByteBuffer.wrap(encrypted, at, Math.min(100_003, encrypted.length - at)), out);
        }
        cipher.finish(out);
        byte[] decrypted = new byte[out.flip().remaining()];
        out.get(decrypted);
        return decrypted;
    }

    @Test
    public void nssIsUsedWhereDebianInstalledIt() {
        assumeTrue("NSS (libnss3) is not installed", Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so")));
        assertEquals("SunPKCS11-NSS", SegmentCiphers.fastest().name());
    }

    @Test
    public void withoutTheLibraryThereIsNoNss() throws Exception {
        assertTrue(SegmentCiphers.nss(List.of(temp.getRoot().toPath(), temp.newFolder("lib").toPath())).isEmpty());
    }

    @Test
    public void aWrongKeyFailsAtTheEndWithEitherProvider() throws Exception {
        byte[] encrypted = encrypt(bytes(4096));
        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        for (SegmentCiphers ciphers : List.of(SegmentCiphers.fastest(), SegmentCiphers.jdk())) {
            SegmentDecipher cipher = ciphers.decipher(wrong, iv);
            ByteBuffer out = ByteBuffer.allocateDirect(cipher.outputSize(encrypted.length));
            cipher.update(ByteBuffer.wrap(encrypted), out);
            assertThrows(ciphers.name(), GeneralSecurityException.class, () -> cipher.finish(out));
        }
    }

    @Test
    public void aSegmentThatEndsInsideABlockIsRefused() throws Exception {
        byte[] encrypted = encrypt(bytes(100));
        for (SegmentCiphers ciphers : List.of(SegmentCiphers.fastest(), SegmentCiphers.jdk())) {
            SegmentDecipher cipher = ciphers.decipher(key, iv);
            ByteBuffer out = ByteBuffer.allocateDirect(cipher.outputSize(encrypted.length));
            cipher.update(ByteBuffer.wrap(encrypted, 0, encrypted.length - 5), out);
            assertThrows(ciphers.name(), GeneralSecurityException.class, () -> cipher.finish(out));
        }
    }

    private byte[] encrypt(byte[] plain) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(SegmentCiphers.TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(plain);
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
