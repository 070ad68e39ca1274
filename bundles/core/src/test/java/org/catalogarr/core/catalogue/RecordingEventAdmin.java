package org.catalogarr.core.catalogue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps every event, for tests that check what was announced. */
public final class RecordingEventAdmin implements EventAdmin {

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    public List<Event> events() {
        return events;
    }
}
