package org.catalogarr.core.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes warnings and errors that bundles report through the OSGi Log Service (a component that
 * failed to activate, a framework error) to the service's log, where operators look. Our own code
 * logs through SLF4J directly and is not repeated here.
 */
@Component(immediate = true)
public class OsgiLogForwarder implements LogListener {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeReader")
    void addReader(LogReaderService reader) {
        // Entries from before this component started, oldest first: a failure during start-up counts most.
        List<LogEntry> earlier = new ArrayList<>();
        for (Enumeration<LogEntry> entries = reader.getLog(); entries.hasMoreElements();) {
            earlier.add(entries.nextElement());
        }
        Collections.reverse(earlier);
        earlier.forEach(this::logged);
        reader.addLogListener(this);
    }

    void removeReader(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!LogLevel.WARN.implies(entry.getLogLevel())) {
            return;
        }
        Logger logger = LoggerFactory.getLogger("osgi." + entry.getBundle().getSymbolicName());
        if (entry.getLogLevel() == LogLevel.WARN) {
            logger.warn(entry.getMessage(), entry.getException());
        } else {
            logger.error(entry.getMessage(), entry.getException());
        }
    }
}
