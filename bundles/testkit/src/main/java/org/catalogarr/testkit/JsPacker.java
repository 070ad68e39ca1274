package org.catalogarr.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Dean Edwards packer, so that fixtures hold packed player scripts made from readable JavaScript
 * instead of ones captured from a hoster: every word becomes its index in a keyword list (most frequent word
 * first), written in base {@code radix} with the digits 0–9, a–z, A–Z. A word that already reads as its own
 * index keeps its place with an empty keyword, as in the original packer; any other word that reads as a
 * number is given a keyword too, so that no word unpacks to something else.
 */
public final class JsPacker {

    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");
    private static final String UNPACKER = "function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))"
            + "+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};if(!''.replace(/^/,String)){while(c--){d[e(c)]"
            + "=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p."
            + "replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}";

    private JsPacker() {
    }

    /** The packed call, {@code eval(function(p,a,c,k,e,d){…}('…',radix,count,'…'.split('|'),0,{}))}. */
    public static String pack(String script, int radix) {
        if (radix < 2 || radix > DIGITS.length()) {
            throw new IllegalArgumentException("radix " + radix + " is outside 2.." + DIGITS.length());
        }
        List<String> words = byFrequency(script);
        String[] keywords = new String[words.size()];
        Map<String, String> tokens = new HashMap<>();
        List<String> others = new ArrayList<>();
        for (String word : words) {
            int self = encoded(word, radix, words.size());
            if (self >= 0) {
                keywords[self] = "";
                tokens.put(word, word);
            } else {
                others.add(word);
            }
        }
        int slot = 0;
        for (String word : others) {
            while (keywords[slot] != null) {
                slot++;
            }
            keywords[slot] = word;
            tokens.put(word, encode(slot, radix));
        }
        StringBuilder payload = new StringBuilder();
        Matcher word = WORD.matcher(script);
        int last = 0;
        while (word.find()) {
            payload.append(script, last, word.start()).append(tokens.get(word.group()));
            last = word.end();
        }
        payload.append(script, last, script.length());
        return "eval(" + UNPACKER + "('" + escape(payload.toString()) + "'," + radix + "," + keywords.length + ",'"
                + String.join("|", keywords) + "'.split('|'),0,{}))";
    }

    /** Index {@code n} as the packer writes it. */
    private static String encode(int n, int radix) {
        return (n < radix ? "" : encode(n / radix, radix)) + DIGITS.charAt(n % radix);
    }

    private static List<String> byFrequency(String script) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher word = WORD.matcher(script);
        while (word.find()) {
            counts.merge(word.group(), 1, Integer::sum);
        }
        List<String> words = new ArrayList<>(counts.keySet());
        // Stable: equally frequent words keep the order of their first appearance.
        words.sort(Comparator.comparing(counts::get, Comparator.reverseOrder()));
        return words;
    }

    /** The index below {@code limit} that the word is the encoding of, or -1. */
    private static int encoded(String word, int radix, int limit) {
        for (int n = 0; n < limit; n++) {
            if (encode(n, radix).equals(word)) {
                return n;
            }
        }
        return -1;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r");
    }
}
