package org.catalogarr.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console's admin password: the configured one, or else one generated on the first start and
 * kept in the data folder, readable only by the service's user. Only a salted hash stays in memory.
 */
final class AdminPassword {

    static final String FILE_NAME = "admin-password";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt = new byte[16];
    private final byte[] hash;

    private AdminPassword(String password) {
        RANDOM.nextBytes(salt);
        hash = digest(password);
    }

    /** The password set by configuration. */
    static AdminPassword of(String password) {
        return new AdminPassword(password);
    }

    /**
     * The password stored in the data folder. When there is none, one is generated and stored, and
     * handed to {@code announce} once so the operator can see it.
     */
    static AdminPassword storedIn(Path dataFolder, Consumer<String> announce) throws IOException {
        Path file = dataFolder.resolve(FILE_NAME);
        Optional<String> stored = Files.exists(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                : Optional.empty();
        if (stored.isPresent()) {
            return new AdminPassword(stored.get());
        }
        String generated = generate();
        Files.createDirectories(dataFolder);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        announce.accept(generated);
        return new AdminPassword(generated);
    }

    static String generate() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** Compares in constant time, so the answer's timing tells nothing about the password. */
    boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, digest(candidate));
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java without SHA-256", e);
        }
    }
}
