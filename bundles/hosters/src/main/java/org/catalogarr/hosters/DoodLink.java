package org.catalogarr.hosters;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces of a Doodstream video link, which the player page's script assembles in the browser: the
 * base URL that {@code /pass_md5/…} answers, ten random letters and digits, and the page's token with an
 * expiry.
 */
final class DoodLink {

    private static final Pattern PASS_MD5 = Pattern.compile("\\$\\.get\\(\\s*['\"](/pass_md5/[^'\"\\s]+)['\"]");
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9]+)");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 10;

    private DoodLink() {
    }

    /** The player page of a video: Doodstream's download pages {@code /d/{id}} only frame {@code /e/{id}}. */
    static URI playerPage(URI embed) {
        String path = embed.getRawPath();
        if (path == null || !path.startsWith("/d/")) {
            return embed;
        }
        try {
            return new URI(embed.getScheme(), embed.getRawAuthority(), "/e/" + path.substring(3), null, null);
        } catch (URISyntaxException e) {
            // Cannot happen: the parts come from a valid URI.
            throw new IllegalArgumentException(embed.toString(), e);
        }
    }

    /** The path of the script's {@code $.get('/pass_md5/…')} call. */
    static Optional<String> passMd5(String page) {
        Matcher match = PASS_MD5.matcher(page);
        return match.find() ? Optional.of(match.group(1)) : Optional.empty();
    }

    /** The token the script appends: its {@code token=} when it writes one, else the pass_md5 path's last segment. */
    static String token(String page, String passMd5) {
        Matcher match = TOKEN.matcher(page);
        return match.find() ? match.group(1) : passMd5.substring(passMd5.lastIndexOf('/') + 1);
    }

    /** Whether the pass_md5 answer is the start of a video link, not a refusal such as "RELOAD". */
    static boolean isAbsoluteHttp(String base) {
        String lower = base.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** Ten random letters and digits, as the script's {@code makePlay()} draws them. */
    static String randomPart(RandomGenerator random) {
        StringBuilder part = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            part.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return part.toString();
    }

    /**
     * The video link.
     *
     * @param expiry milliseconds since the epoch: the script appends {@code Date.now()}
     */
    static String link(String base, String randomPart, String token, long expiry) {
        return base + randomPart + "?token=" + token + "&expiry=" + expiry;
    }
}
