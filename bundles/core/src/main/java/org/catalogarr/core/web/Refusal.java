package org.catalogarr.core.web;

/** Why a request is refused before it reaches a servlet, and what the log says about it. */
enum Refusal {

    /** {@code Host} or {@code X-Forwarded-Host} names no name of this server: DNS rebinding, or a name to list. */
    UNKNOWN_HOST("unknown host name", "its Host names no name of this server; if this server is reached under that name (e.g. through"
            + " a reverse proxy), add it to server_domains in org.catalogarr.qbit",
            "Add the name this server is reached under to server_domains in org.catalogarr.qbit."),
    /** {@code Origin} (or else {@code Referer}) names another site than the one the request is for. */
    CROSS_SITE("cross-site request", "it was sent by a page of another site (Origin or Referer does not match Host)",
            "A page of another site may not change anything here."),
    /** A state-changing request to a browser page without either header, which browsers always send. */
    NO_ORIGIN("request of no page", "it changes something but names no page it came from (neither Origin nor Referer)",
            "A call that changes something must send an Origin header naming this server, e.g. Origin: http://<host>:8000.");

    private final String answer;
    private final String reason;
    private final String remedy;

    Refusal(String answer, String reason, String remedy) {
        this.answer = answer;
        this.reason = reason;
        this.remedy = remedy;
    }

    /** What the client should do instead, for an answer that is read by people (the admin API's JSON). */
    String remedy() {
        return remedy;
    }

    /** A few words for the answer's body. */
    String answer() {
        return answer;
    }

    /** The explanation for the log. */
    String reason() {
        return reason;
    }
}
