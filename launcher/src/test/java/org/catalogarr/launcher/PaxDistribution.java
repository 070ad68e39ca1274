package org.catalogarr.launcher;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot the distribution's bundles with the framework properties of its
 * conf/config.properties, a fresh data folder and a config folder seeded with its default files;
 * the site bundles come from deploy/ through FileInstall, as in production.
 */
final class PaxDistribution {

    /** System property (visible inside the container) with the HTTP port. */
    static final String PORT_PROPERTY = "catalogarr.it.port";

    final Path dist = Path.of(System.getProperty("catalogarr.dist"));
    final Path data;
    final Path config;
    final String port;

    PaxDistribution(String name) throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("catalogarr.it.work")));
        data = Files.createTempDirectory(work, name);
        config = Files.createDirectories(data.resolve("config"));
        try (Stream<Path> defaults = Files.list(dist.resolve("config"))) {
            for (Path file : (Iterable<Path>) defaults::iterator) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        port = String.valueOf(Http.freePort());
    }

    Option[] options(Option... extra) throws IOException {
        List<Option> options = new ArrayList<>();
        Properties framework = new Properties();
        try (InputStream in = Files.newInputStream(dist.resolve("conf/config.properties"))) {
            framework.load(in);
        }
        for (String name : framework.stringPropertyNames()) {
            if (name.startsWith("felix.auto.") || name.startsWith("org.osgi.framework.storage")
                    || name.startsWith("org.osgi.framework.startlevel")) {
                continue; // Pax Exam installs the bundles and owns the framework's storage and start levels.
            }
            String value = framework.getProperty(name)
                    .replace("${catalogarr.home}", dist.toString())
                    .replace("${catalogarr.config}", config.toString())
                    .replace("${catalogarr.data}", data.toString())
                    .replace("${catalogarr.port}", port)
                    .replace("${catalogarr.host}", "127.0.0.1");
            options.add(frameworkProperty(name).value(value));
        }
        options.add(frameworkProperty("catalogarr.data").value(data.toString()));
        options.add(systemProperty(PORT_PROPERTY).value(port));
        options.add(systemProperty("catalogarr.data").value(data.toString()));
        // The distribution's own bundles start before Pax Exam's, so logging is in place when they log.
        // At the start levels of conf/config.properties: the warm-up, the platform and core, the console.
        addBundles(options, dist.resolve("boot"), 1);
        addBundles(options, dist.resolve("bundle"), 2);
        addBundles(options, dist.resolve("console"), 3);
        options.add(junitBundles());
        options.addAll(List.of(extra));
        return options.toArray(Option[]::new);
    }

    private static void addBundles(List<Option> options, Path folder, int startLevel) throws IOException {
        try (Stream<Path> jars = Files.list(folder)) {
            jars.sorted().forEach(jar -> options.add(isFragment(jar)
                    ? bundle(jar.toUri().toString()).noStart()
                    : bundle(jar.toUri().toString()).startLevel(startLevel)));
        }
    }

    private static boolean isFragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
