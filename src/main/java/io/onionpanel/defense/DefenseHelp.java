package io.onionpanel.defense;

/** One sentence per DoS setting, shared by the editor's help texts and the CLI's option descriptions. */
public final class DefenseHelp {
    public static final String MAX_STREAMS = "Most simultaneous connections one client circuit may open (0 = unlimited,"
            + " tor's default); limits what a single abusive client can use.";
    public static final String CLOSE_CIRCUIT = "When a circuit asks for more connections than the maximum, tear the whole"
            + " circuit down instead of silently refusing the extra ones.";
    public static final String INTRO_DEFENSE = "Ask the introduction points to rate-limit new clients before they reach"
            + " the service (tor's default: off).";
    public static final String INTRO_RATE = "Introductions per second each introduction point lets through"
            + " (tor's default 25; 0 = unlimited).";
    public static final String INTRO_BURST = "Introductions an introduction point lets through in one burst (tor's"
            + " default 200; not below the rate).";
    public static final String INTRO_POINTS = "How many introduction points the service keeps (3–20, tor's default 3);"
            + " more spreads the load of introductions.";
    public static final String POW = "Make clients solve a proof-of-work puzzle whose effort rises under attack, so"
            + " paying clients get through first (needs a tor with the pow module).";
    public static final String POW_RATE = "Rendezvous requests per second the service takes from its priority queue"
            + " (tor's default 250; 0 = as fast as possible).";
    public static final String POW_BURST = "Most rendezvous requests taken from the priority queue at once (tor's"
            + " default 2500).";
    public static final String SINGLE_ONION = "Single-onion mode makes one-hop circuits to the introduction and"
            + " rendezvous points: lower latency, but the server is NOT anonymous, and its key folders can never be"
            + " used for an anonymous service again.";

    private DefenseHelp() {
    }
}
