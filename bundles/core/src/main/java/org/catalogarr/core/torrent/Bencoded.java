package org.catalogarr.core.torrent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A value of the bencoding of BitTorrent (BEP 3): a byte string, an integer, a list or a dictionary.
 * Dictionaries keep their keys in the order bencoding requires, raw bytes compared unsigned, so that a
 * value has exactly one encoding.
 */
public sealed interface Bencoded permits Bencoded.Bytes, Bencoded.Int, Bencoded.Items, Bencoded.Dict {

    /** The UTF-8 bytes of a text. */
    static Bytes text(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static Int number(long value) {
        return new Int(value);
    }

    /** A byte string; it may hold text or binary data such as piece hashes. */
    record Bytes(byte[] value) implements Bencoded, Comparable<Bytes> {

        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        /** The bytes read as UTF-8, malformed sequences replaced. */
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(Bytes other) {
            return Arrays.compareUnsigned(value, other.value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value, 0, Math.min(value.length, 64))
                    + (value.length > 64 ? "…" : "") + "]";
        }
    }

    record Int(long value) implements Bencoded {
    }

    record Items(List<Bencoded> items) implements Bencoded {

        public Items {
            items = List.copyOf(items);
        }
    }

    record Dict(SortedMap<Bytes, Bencoded> entries) implements Bencoded {

        public Dict {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        }

        /** A dictionary with text keys. */
        public static Dict of(Map<String, ? extends Bencoded> entries) {
            SortedMap<Bytes, Bencoded> sorted = new TreeMap<>();
            entries.forEach((key, value) -> sorted.put(text(key), value));
            return new Dict(sorted);
        }

        public Optional<Bencoded> get(String key) {
            return Optional.ofNullable(entries.get(text(key)));
        }

        public Optional<Bytes> bytes(String key) {
            return get(key).filter(Bytes.class::isInstance).map(Bytes.class::cast);
        }

        public Optional<Long> integer(String key) {
            return get(key).filter(Int.class::isInstance).map(v -> ((Int) v).value());
        }

        public Optional<Dict> dict(String key) {
            return get(key).filter(Dict.class::isInstance).map(Dict.class::cast);
        }
    }
}
