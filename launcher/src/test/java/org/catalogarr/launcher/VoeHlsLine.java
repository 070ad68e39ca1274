package org.catalogarr.launcher;

import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeVoe;

/**
 * The way an episode reaches the downloader through VOE, as on the real sites: the fake AniWorld's VOE link leads
 * to a fake VOE entry that redirects to its mirror, whose page names an HLS playlist on a fake CDN that answers
 * only with the mirror's {@code Referer}. Opened once the shared fake sites run ({@link FakeCatalogues}); closing
 * it points AniWorld back at the shared hoster and stops the fakes.
 */
final class VoeHlsLine implements AutoCloseable {

    final FakeVoe.Pair voe;
    final FakeCdn cdn;

    private VoeHlsLine(FakeVoe.Pair voe, FakeCdn cdn) {
        this.voe = voe;
        this.cdn = cdn;
    }

    static VoeHlsLine open() {
        FakeVoe.Pair voe = FakeVoe.pair();
        FakeCdn cdn = (FakeCdn) new FakeCdn().start();
        voe.mirror().placeholder("CDN_BASE", cdn.baseUrl().toString());
        voe.mirror().directAccess(false);
        cdn.refererOrigin(voe.mirror().baseUrl().toString());
        FakeCatalogues.site("aniworld").placeholder("VOE_BASE", voe.entry().baseUrl().toString());
        return new VoeHlsLine(voe, cdn);
    }

    @Override
    public void close() {
        FakeCatalogues.site("aniworld").placeholder("VOE_BASE", FakeCatalogues.HOSTER_BASE);
        voe.close();
        cdn.close();
    }
}
