package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution unpacked from its archive into a folder, with its own data and config folders, as
 * an operator installs it; started with bin/catalogarr in a separate process.
 */
final class Installation implements AutoCloseable {

    final Path home;
    final Path data;
    final Path config;
    final Path output;
    final int port;
    final Http http;
    /** Further environment of the service, e.g. {@code CATALOGARR_JAVA_OPTS}. */
    final Map<String, String> environment = new HashMap<>();
    private Process process;

    Installation(Path folder) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("catalogarr.dist")).resolveSibling("catalogarr.tar.gz");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String tarOutput = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("tar: " + tarOutput, 0, tar.waitFor());
        home = folder.resolve("catalogarr");
        data = folder.resolve("data");
        config = folder.resolve("etc");
        output = folder.resolve("console.out");
        port = Http.freePort();
        http = new Http(port);
    }

    /** bin/catalogarr with the environment of this installation, on the given port. */
    ProcessBuilder launcher(String onPort) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/catalogarr").toString());
        builder.environment().put("CATALOGARR_PORT", onPort);
        builder.environment().put("CATALOGARR_HOST", "127.0.0.1");
        builder.environment().put("CATALOGARR_DATA", data.toString());
        builder.environment().put("CATALOGARR_CONFIG", config.toString());
        builder.environment().putAll(environment);
        return builder;
    }

    /** Starts the service in the background, its console going to {@link #output}; returns the start time. */
    long start() throws IOException {
        ProcessBuilder builder = launcher(String.valueOf(port));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        long started = System.nanoTime();
        process = builder.start();
        return started;
    }

    /** The admin console's password, which the first start generates into the data folder, once the console answers with it. */
    String awaitAdminPassword(Duration timeout) throws IOException, InterruptedException {
        Path file = data.resolve("admin-password");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no admin password was generated within " + timeout);
            }
            Thread.sleep(100);
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        HttpResponse<String> answer = awaitConsole(password, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the console did not answer the admin within " + timeout + ": "
                    + answer.statusCode() + " " + answer.body());
        }
        return password;
    }

    /**
     * Waits until the console answers the admin with this password (it starts at its own start level, a moment
     * after the service is ready); returns the last answer, 200 unless the time ran out.
     */
    HttpResponse<String> awaitConsole(String password, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> answer;
        while ((answer = http.get("/system/console/bundles.json", "admin", password)).statusCode() != 200
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return answer;
    }

    Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
