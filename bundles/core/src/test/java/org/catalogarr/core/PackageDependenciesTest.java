package org.catalogarr.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The layering the architecture map asks for, checked on core's sources: the store and the jobs do not
 * import each other (both use the value types of {@code dto}), a torrent's identity is below torznab, qbit
 * and jobs, and core never imports a site or a hoster bundle (they are found as services).
 */
public class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/catalogarr/core");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?(org\\.catalogarr\\.[\\w.]+?)\\.[A-Z]");

    /** Package (below core) → prefixes its sources may not import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "store", List.of("org.catalogarr.core.jobs", "org.catalogarr.core.qbit", "org.catalogarr.core.torznab"),
            "dto", List.of("org.catalogarr.core.jobs", "org.catalogarr.core.store"),
            "jobs", List.of("org.catalogarr.core.torznab", "org.catalogarr.core.qbit"),
            "torrent", List.of("org.catalogarr.core.torznab", "org.catalogarr.core.qbit", "org.catalogarr.core.jobs"),
            "", List.of("org.catalogarr.site.", "org.catalogarr.hosters."));

    @Test
    public void packagesImportOnlyDownwards() throws IOException {
        assertTrue("run from the core module", Files.isDirectory(SOURCES.resolve("store")));
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(rule.getKey()))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher imported = IMPORT.matcher(Files.readString(file));
                    while (imported.find()) {
                        String target = imported.group(1) + ".";
                        rule.getValue().stream().filter(target::startsWith)
                                .forEach(p -> broken.add(SOURCES.relativize(file) + " imports " + imported.group(1)));
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
