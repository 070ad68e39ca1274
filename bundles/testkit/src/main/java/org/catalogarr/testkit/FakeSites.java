package org.catalogarr.testkit;

import java.util.List;

/**
 * Starts the fake AniWorld and s.to on loopback and keeps them running, for trying Catalogarr by hand:
 * {@code java -cp bundles/testkit/target/classes org.catalogarr.testkit.FakeSites}. It prints the
 * lines to put into the site config files. Stop it with Ctrl-C.
 */
public final class FakeSites {

    private FakeSites() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<FakeSite> sites = List.of(new FakeAniWorld().start(), new FakeSto().start());
        for (FakeSite site : sites) {
            System.out.printf("Fake %-8s %s%n  in org.catalogarr.site.%s.cfg: base_url = %s and plain_http_hosts = 127.0.0.1%n",
                    site.name(), site.baseUrl(), site.name(), site.baseUrl());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sites.forEach(FakeSite::close)));
        Thread.currentThread().join();
    }
}
