package org.catalogarr.core.download;

import java.time.Duration;
import java.util.List;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.DestinationRules;

/** Media requests as the tests make them: the fakes listen on 127.0.0.1, which is allowed by name. */
final class LoopbackRequests {

    static final DestinationPolicy POLICY = DestinationRules.allowing("allowed_private_hosts", List.of("127.0.0.1"));

    private LoopbackRequests() {
    }

    /** With the given timeout and the default rate and deadline. */
    static MediaRequests within(Duration timeout) {
        return new MediaRequests(POLICY, ReadLimits.withTimeout(timeout));
    }
}
