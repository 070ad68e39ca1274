package org.catalogarr.core.download;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the AES-128-CBC deciphers of encrypted HLS segments. The service runs with the C1 compiler only, which
 * has no AES intrinsics: the JDK's own AES then decrypts about 70 MB/s per core, slower than the network. NSS,
 * which Debian's OpenJDK depends on, decrypts with the processor's AES instructions through the JDK's PKCS#11
 * provider at GB/s, so it is used when its library is found and decrypts a known block correctly; otherwise the
 * JDK's own AES is.
 */
final class SegmentCiphers {

    static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final String LIBRARY = "libsoftokn3.so";
    private static final Logger LOG = LoggerFactory.getLogger(SegmentCiphers.class);

    private final Provider provider;

    private SegmentCiphers(Provider provider) {
        this.provider = provider;
    }

    /** The JDK's default AES provider. */
    static SegmentCiphers jdk() {
        return new SegmentCiphers(null);
    }

    /**
     * NSS where it is installed and works, else the JDK's default; found once (NSS is loaded into the process
     * once), and said once in the log.
     */
    static SegmentCiphers fastest() {
        return Fastest.CIPHERS;
    }

    /** The provider's name, for the log and tests. */
    String name() {
        return provider == null ? "JDK" : provider.getName();
    }

    /** A decipher ready to decrypt one segment from its start. */
    SegmentDecipher decipher(byte[] key, byte[] iv) {
        return new SegmentDecipher(cipher(key, iv));
    }

    private Cipher cipher(byte[] key, byte[] iv) {
        try {
            Cipher cipher = provider == null ? Cipher.getInstance(TRANSFORMATION) : Cipher.getInstance(TRANSFORMATION,
                    provider);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name() + " was checked to decrypt " + TRANSFORMATION, e);
        }
    }

    /** NSS's PKCS#11 module from the first of the folders that has it, if it decrypts a known block right. */
    static Optional<Provider> nss(List<Path> folders) {
        Provider base = Security.getProvider("SunPKCS11");
        Optional<Path> folder = folders.stream().filter(candidate -> Files.isRegularFile(candidate.resolve(LIBRARY)))
                .findFirst();
        if (base == null || folder.isEmpty()) {
            return Optional.empty();
        }
        try {
            Provider configured = base.configure("--name=NSS\nnssLibraryDirectory=" + folder.get()
                    + "\nnssDbMode=noDb\nattributes=compatibility\n");
            return decryptsRight(configured) ? Optional.of(configured) : Optional.empty();
        } catch (ProviderException | GeneralSecurityException | IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("NSS cannot decrypt AES here: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Encrypts two and a half blocks with the JDK and decrypts them with the candidate, in chunks as in use. */
    private static boolean decryptsRight(Provider candidate) throws GeneralSecurityException {
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        byte[] plain = new byte[40];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
            key[i % 16] = (byte) (i * 13);
            iv[i % 16] = (byte) (i * 3);
        }
        Cipher encrypt = Cipher.getInstance(TRANSFORMATION);
        encrypt.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] encrypted = encrypt.doFinal(plain);
        SegmentDecipher decrypt = new SegmentCiphers(candidate).decipher(key, iv);
        ByteBuffer out = ByteBuffer.allocate(64);
        // In two chunks that end inside blocks, as the network hands them over.
        decrypt.update(ByteBuffer.wrap(encrypted, 0, 21), out);
        decrypt.update(ByteBuffer.wrap(encrypted, 21, encrypted.length - 21), out);
        decrypt.finish(out);
        byte[] decrypted = new byte[out.flip().remaining()];
        out.get(decrypted);
        return Arrays.equals(decrypted, plain);
    }

    private static final class Fastest {

        static final SegmentCiphers CIPHERS = detect();

        private static SegmentCiphers detect() {
            Optional<Provider> nss = nss(libraryFolders());
            LOG.info("HLS segments are decrypted with {}", nss.map(Provider::getName)
                    .orElse("the JDK's own AES (NSS's " + LIBRARY + " was not found or did not work)"));
            return new SegmentCiphers(nss.orElse(null));
        }
    }

    /** Where Debian and other distributions put NSS for this machine's architecture. */
    private static List<Path> libraryFolders() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String multiarch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        List<Path> folders = new ArrayList<>();
        folders.add(Path.of("/usr/lib/" + multiarch + "-linux-gnu"));
        folders.add(Path.of("/usr/lib64"));
        folders.add(Path.of("/usr/lib"));
        return folders;
    }
}
