package org.catalogarr.core.download;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;

/** A hoster resolver whose answers a test sets, and which keeps the embed URLs it was given. */
final class StubResolver implements HosterResolver {

    @FunctionalInterface
    interface Answer {
        MediaSource resolve(URI embed) throws HosterException;
    }

    private final String name;
    private final Answer answer;
    private final List<URI> calls = new CopyOnWriteArrayList<>();

    StubResolver(String name, Answer answer) {
        this.name = name;
        this.answer = answer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MediaSource resolve(URI embed) throws HosterException {
        calls.add(embed);
        return answer.resolve(embed);
    }

    List<URI> calls() {
        return calls;
    }
}
