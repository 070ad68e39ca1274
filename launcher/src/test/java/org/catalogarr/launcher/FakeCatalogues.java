package org.catalogarr.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FakeSto;

/**
 * The fake AniWorld and s.to for tests of the assembled runtime, and the config files that point the
 * runtime at them. Kept apart from the Pax Exam test classes so that the container, which runs those
 * classes, never needs the testkit.
 */
final class FakeCatalogues {

    /** Where the fakes' VOE links lead: a closed port, so the VOE resolver fails at once and Vidoza is used. */
    static final String HOSTER_BASE = "http://127.0.0.1:9/voe";

    private static FakeSite aniworld;
    private static FakeSite sto;
    private static FakeMp4Host mp4host;

    private FakeCatalogues() {
    }

    /**
     * Starts both fakes once per JVM and writes the site config files into {@code configFolder}, made
     * from the defaults in {@code defaultsFolder} with the fakes' addresses: no test reaches a real site.
     */
    static synchronized void startAndConfigure(Path defaultsFolder, Path configFolder, boolean stoEnabled)
            throws IOException {
        if (aniworld == null) {
            aniworld = new FakeAniWorld().start();
            sto = new FakeSto().start();
            mp4host = (FakeMp4Host) new FakeMp4Host().start();
            aniworld.placeholder("VOE_BASE", HOSTER_BASE);
            sto.placeholder("VOE_BASE", HOSTER_BASE);
            aniworld.placeholder("MP4_BASE", mp4host.baseUrl().toString());
        }
        Files.createDirectories(configFolder);
        pointAt(defaultsFolder, configFolder, "org.catalogarr.site.aniworld.cfg", aniworld, true);
        pointAt(defaultsFolder, configFolder, "org.catalogarr.site.sto.cfg", sto, stoEnabled);
        downloadSettings(defaultsFolder, configFolder, Map.of());
    }

    /**
     * Writes the download settings with the fake hosters' and CDNs' address, 127.0.0.1, on the allow-list of
     * private destinations (by that address only: {@code localhost} stays refused), and the given values.
     */
    static void downloadSettings(Path defaultsFolder, Path configFolder, Map<String, String> values) throws IOException {
        String file = "org.catalogarr.download.cfg";
        Map<String, String> settings = new HashMap<>(values);
        settings.put("allowed_private_hosts", "127.0.0.1");
        String text = Files.readString(defaultsFolder.resolve(file), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            text = text.replaceAll("(?m)^" + setting.getKey() + " =.*$", setting.getKey() + " = " + setting.getValue());
        }
        Files.writeString(configFolder.resolve(file), text, StandardCharsets.UTF_8);
    }

    static String baseUrl(String siteId) {
        return site(siteId).baseUrl().toString();
    }

    /** The Vidoza-like hoster the fake AniWorld's Vidoza links lead to. */
    static FakeMp4Host mp4host() {
        return mp4host;
    }

    /** The running fake of a site, for tests that switch its scenario or read its request log. */
    static FakeSite site(String siteId) {
        return "sto".equals(siteId) ? sto : aniworld;
    }

    private static void pointAt(Path defaultsFolder, Path configFolder, String file, FakeSite site, boolean enabled)
            throws IOException {
        String text = Files.readString(defaultsFolder.resolve(file), StandardCharsets.UTF_8)
                .replaceAll("(?m)^enabled = .*$", "enabled = " + enabled)
                .replaceAll("(?m)^base_url = .*$", "base_url = " + site.baseUrl())
                .replaceAll("(?m)^plain_http_hosts =.*$", "plain_http_hosts = 127.0.0.1");
        Files.writeString(configFolder.resolve(file), text, StandardCharsets.UTF_8);
    }
}
