package io.onionpanel.connection;

import java.util.Locale;

/**
 * What to try next when tor, configured with bridges or a proxy, does not get through: said after a bootstrap
 * timeout instead of leaving the operator at "10 %". Keyed on tor's bootstrap tag (conn_pt, conn_done_pt,
 * conn_proxy, conn_done_proxy, handshake…), in words that hold no secret.
 */
public final class ConnectionHints {
    private ConnectionHints() {
    }

    /** " What to try: …" for the stage tor was stuck at; "" for a direct connection with nothing to add. */
    public static String afterTimeout(ConnectionSettings settings, String tag) {
        if (settings == null || settings.isDirect()) {
            return "";
        }
        String t = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(" What to try: ");
        if (t.contains("proxy")) {
            b.append(settings.proxy() == null ? "" : "the " + settings.proxy().describe() + " did not let tor through;"
                    + " check its address, type and credentials, and that it allows connections to the bridge or"
                    + " relay ports. ");
        } else if (t.equals("conn_pt")) {
            // tor could not even talk to the transport it started: the binary is the suspect, not the bridge.
            b.append("tor could not start or reach the pluggable transport; check that the transport binary runs"
                    + " (Settings → Connection shows which one), and that the bridge's address and port are reachable. ");
        } else if (settings.usesBridges()) {
            b.append("the bridge did not answer or refused the handshake (a wrong or outdated cert=, fingerprint or"
                    + " port gives exactly this); get fresh bridge lines (bridges.torproject.org, or email"
                    + " bridges@torproject.org), or try the other built-in transport");
            b.append(settings.mode().equals(ConnectionSettings.BUILTIN) ? " (snowflake if obfs4 is blocked)" : "");
            b.append(". ");
        } else {
            b.append("check the proxy's address, type and credentials. ");
        }
        if (settings.usesBridges() && settings.proxy() != null && !t.contains("proxy")) {
            b.append("With a proxy, obfs4 reaches the bridge through it; snowflake does not use the proxy. ");
        }
        return b.toString().stripTrailing();
    }
}
