package org.catalogarr.core.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The service as a whole: how to connect clients, its health, its recent warnings. */
@ProviderType
public interface ServiceAdmin {

    ServiceStatus status();

    /** Catalogarr's recent warnings and errors, newest first, at most {@code limit}. */
    List<LogLine> recentLog(int limit);
}
