package org.catalogarr.core.cache;

import java.util.Objects;

/**
 * A cache key of two parts, for the caches that every cached search looks up. Its {@code equals} and
 * {@code hashCode} are written out: a record's own run through method handles, which C1 (the JVM's compiler by
 * default, see {@code bin/catalogarr}) does not inline; as record keys they were a twentieth of the CPU of a
 * cached search.
 */
public record TwoPartKey<A, B>(A first, B second) {

    public TwoPartKey {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TwoPartKey<?, ?> key && first.equals(key.first) && second.equals(key.second);
    }

    @Override
    public int hashCode() {
        return 31 * first.hashCode() + second.hashCode();
    }
}
