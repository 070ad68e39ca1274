package org.catalogarr.core.torrent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes bencoding. The reader accepts only the one canonical encoding of a value — no
 * leading zeros, no {@code -0}, dictionary keys sorted and unique, nothing after the value — so that
 * {@code encode(decode(bytes))} gives back the same bytes, and a hash over a decoded part equals the hash
 * over the part as it was sent. Input comes from clients, so the reader also bounds the nesting (the
 * stack) and the number of values (the memory beyond the input itself).
 */
public final class Bencode {

    /** Real torrents nest four or five levels deep. */
    public static final int MAX_DEPTH = 32;
    /** Far above the values of a torrent with thousands of files. */
    public static final int MAX_VALUES = 250_000;

    private Bencode() {
    }

    public static byte[] encode(Bencoded value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong and the byte offset where it is
     */
    public static Bencoded decode(byte[] input) {
        Reader reader = new Reader(input);
        Bencoded value = reader.value(0);
        if (reader.at != input.length) {
            throw reader.error(input.length - reader.at + " bytes after the end of the value");
        }
        return value;
    }

    private static void write(Bencoded value, ByteArrayOutputStream out) {
        if (value instanceof Bencoded.Bytes b) {
            ascii(b.length() + ":", out);
            out.writeBytes(b.value());
        } else if (value instanceof Bencoded.Int i) {
            ascii("i" + i.value() + "e", out);
        } else if (value instanceof Bencoded.Items l) {
            out.write('l');
            l.items().forEach(item -> write(item, out));
            out.write('e');
        } else {
            out.write('d');
            ((Bencoded.Dict) value).entries().forEach((key, item) -> {
                write(key, out);
                write(item, out);
            });
            out.write('e');
        }
    }

    private static void ascii(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class Reader {

        private final byte[] in;
        private int at;
        private int values;

        Reader(byte[] in) {
            this.in = in;
        }

        Bencoded value(int depth) {
            if (++values > MAX_VALUES) {
                throw error("more than " + MAX_VALUES + " values");
            }
            byte b = peek("a value");
            if (b == 'i') {
                at++;
                long number = number('e', true);
                return new Bencoded.Int(number);
            }
            if (b == 'l' || b == 'd') {
                if (depth >= MAX_DEPTH) {
                    throw error("lists and dictionaries nested deeper than " + MAX_DEPTH);
                }
                at++;
                return b == 'l' ? list(depth + 1) : dict(depth + 1);
            }
            if (b >= '0' && b <= '9') {
                return bytes();
            }
            throw error("'" + printable(b) + "' cannot start a value");
        }

        private Bencoded.Items list(int depth) {
            List<Bencoded> items = new ArrayList<>();
            while (peek("the end of a list") != 'e') {
                items.add(value(depth));
            }
            at++;
            return new Bencoded.Items(items);
        }

        private Bencoded.Dict dict(int depth) {
            SortedMap<Bencoded.Bytes, Bencoded> entries = new TreeMap<>();
            Bencoded.Bytes previous = null;
            while (peek("the end of a dictionary") != 'e') {
                int keyAt = at;
                byte b = in[at];
                if (b < '0' || b > '9') {
                    throw error("a dictionary key must be a byte string, not '" + printable(b) + "'");
                }
                Bencoded.Bytes key = bytes();
                if (previous != null && previous.compareTo(key) >= 0) {
                    throw new IllegalArgumentException("dictionary key '" + key.text() + "' at byte " + keyAt
                            + (previous.equals(key) ? " repeated" : " out of order after '" + previous.text() + "'"));
                }
                entries.put(key, value(depth));
                previous = key;
            }
            at++;
            return new Bencoded.Dict(entries);
        }

        private Bencoded.Bytes bytes() {
            long length = number(':', false);
            if (length > in.length - at) {
                throw error("a byte string of " + length + " bytes, but only " + (in.length - at) + " are left");
            }
            byte[] value = new byte[(int) length];
            System.arraycopy(in, at, value, 0, value.length);
            at += value.length;
            return new Bencoded.Bytes(value);
        }

        /** The decimal number up to {@code end}, which is consumed. */
        private long number(char end, boolean signed) {
            int start = at;
            boolean negative = signed && at < in.length && in[at] == '-';
            if (negative) {
                at++;
            }
            int digits = at;
            while (at < in.length && in[at] >= '0' && in[at] <= '9') {
                at++;
            }
            int count = at - digits;
            if (count == 0) {
                throw error(at < in.length ? "'" + printable(in[at]) + "' where a digit belongs" : "input ends in a number");
            }
            if (at >= in.length) {
                throw error("input ends in a number");
            }
            if (in[at] != end) {
                throw error("'" + printable(in[at]) + "' where '" + end + "' belongs");
            }
            String text = new String(in, start, at - start, StandardCharsets.US_ASCII);
            if (in[digits] == '0' && (count > 1 || negative)) {
                throw new IllegalArgumentException("number '" + text + "' at byte " + start + " is not in canonical form");
            }
            at++;
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number '" + text + "' at byte " + start + " is out of range");
            }
        }

        private byte peek(String expected) {
            if (at >= in.length) {
                throw error("input ends where " + expected + " belongs");
            }
            return in[at];
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at byte " + at);
        }

        private static String printable(byte b) {
            return b >= 0x20 && b < 0x7f ? Character.toString((char) b) : String.format("\\x%02x", b & 0xff);
        }
    }
}
