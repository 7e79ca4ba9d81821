package io.onionpanel.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            // Username/password "authentication" is how tor isolates streams (IsolateSOCKSAuth): the check
            // never shares a circuit with the operator's own traffic.
            out.write(new byte[]{5, 1, 2});
            out.flush();
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 2) {
                return result(Verdict.UNREACHABLE, "tor's SOCKS port refused the handshake", start);
            }
            byte[] user = ISOLATION_USER.getBytes(StandardCharsets.US_ASCII);
            byte[] auth = new byte[3 + 2 * user.length];
            auth[0] = 1;
            auth[1] = (byte) user.length;
            System.arraycopy(user, 0, auth, 2, user.length);
            auth[2 + user.length] = (byte) user.length;
            System.arraycopy(user, 0, auth, 3 + user.length, user.length);
            out.write(auth);
            out.flush();
            if (in.readUnsignedByte() != 1 || in.readUnsignedByte() != 0) {
                return result(Verdict.UNREACHABLE, "tor's SOCKS port refused the isolation credentials", start);
            }
            byte[] host = onion.getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[7 + host.length];
            request[0] = 5;
            request[1] = 1;
            request[3] = 3;
            request[4] = (byte) host.length;
            System.arraycopy(host, 0, request, 5, host.length);
            request[5 + host.length] = (byte) (port >> 8);
            request[6 + host.length] = (byte) port;
            out.write(request);
            out.flush();
            in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            skipBoundAddress(in);
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

    private static void skipBoundAddress(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        int length = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> 0;
        };
        in.skipNBytes(length + 2L);
    }

    private static Result result(Verdict verdict, String reason, long start) {
        return new Result(verdict, reason, Duration.ofNanos(System.nanoTime() - start));
    }

}
