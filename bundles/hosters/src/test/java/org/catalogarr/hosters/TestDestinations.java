package org.catalogarr.hosters;

import java.util.List;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.DestinationRules;

/** The destination policy of the tests: the fake hosters listen on 127.0.0.1, which is allowed by name. */
final class TestDestinations {

    static final DestinationPolicy LOOPBACK = DestinationRules.allowing("allowed_private_hosts", List.of("127.0.0.1"));

    private TestDestinations() {
    }
}
