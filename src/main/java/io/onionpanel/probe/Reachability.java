package io.onionpanel.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Whether an onion service answers, seen as a client sees it: a SOCKS5 CONNECT through tor to
 * {@code <address>:<port>}, the name sent to tor (never resolved locally). Tor's extended SOCKS errors
 * (SocksPort ExtendedErrors) tell an unreachable onion from a local target that refuses the connection.
 */
public final class Reachability {
    public enum Verdict { REACHABLE, TARGET_DOWN, UNREACHABLE }

    /** The outcome, with the reason in words for the operator. */
    public record Result(Verdict verdict, String reason, Duration elapsed) {
    }

    private static final String ISOLATION_USER = "onion-panel-reachability";

    private Reachability() {
    }

    public static Result check(InetSocketAddress socks, String onion, int port, Duration timeout) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(socks.getHostString(), socks.getPort()), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            int reply;
            try {
                // Username/password "authentication" is how tor isolates streams (IsolateSOCKSAuth): the check
                // never shares a circuit with the operator's own traffic.
                Socks5.connect(s, onion, port, ISOLATION_USER);
                reply = 0;
            } catch (SocksFailure e) {
                if (e.reply() == 0) {
                    return result(Verdict.UNREACHABLE, e.getMessage(), start);
                }
                reply = e.reply();
            }
            return switch (reply) {
                case 0x00 -> result(Verdict.REACHABLE, "Reachable through tor", start);
                // The descriptor was found and is encrypted for clients: as far as a keyless check can go.
                case 0xF4 -> result(Verdict.REACHABLE, "Published for authorised clients only (the panel holds no"
                        + " client key, so it cannot connect itself)", start);
                case 0x05 -> result(Verdict.TARGET_DOWN, "the onion service answered, but its local target refused the"
                        + " connection (is the API running?)", start);
                default -> result(Verdict.UNREACHABLE, describe(reply), start);
            };
        } catch (SocketTimeoutException e) {
            return result(Verdict.UNREACHABLE, "no answer within " + timeout.toSeconds() + " s (rendezvous timed out?)", start);
        } catch (IOException e) {
            return result(Verdict.UNREACHABLE, "tor's SOCKS port: " + e.getMessage(), start);
        }
    }

    /** Tor's SOCKS5 reply codes, standard and extended (tor's socks-extensions.txt). */
    public static String describe(int reply) {
        return switch (reply) {
            case 0x01 -> "general failure";
            case 0x02 -> "connection not allowed";
            case 0x03 -> "network unreachable";
            case 0x04 -> "host unreachable (the local target may be down)";
            case 0x05 -> "connection refused by the local target";
            case 0x06 -> "TTL expired (circuit timed out)";
            case 0xF0 -> "onion service descriptor not found (not published, or not yet reached the HSDirs)";
            case 0xF1 -> "onion service descriptor could not be parsed";
            case 0xF2 -> "introduction failed";
            case 0xF3 -> "rendezvous failed";
            case 0xF4 -> "client authorisation missing";
            case 0xF5 -> "client authorisation wrong";
            case 0xF6 -> "bad onion address";
            case 0xF7 -> "introduction timed out";
            default -> "SOCKS error 0x" + Integer.toHexString(reply);
        };
    }

    private static Result result(Verdict verdict, String reason, long start) {
        return new Result(verdict, reason, Duration.ofNanos(System.nanoTime() - start));
    }

}
