package io.onionpanel.testnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal tor control-port client for tests: cookie authentication, commands, and asynchronous
 * events collected in a queue (so that no event between SETEVENTS and the wait is lost).
 */
final class TorControl implements AutoCloseable {

    private static final List<String> CLOSED = List.of("CLOSED");

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<List<String>> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private TorControl(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> readLoop(in), "tor-control-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for tor to write its control port file and a full 32-byte cookie, connects and
     * authenticates.
     */
    static TorControl connect(Path portFile, Path cookieFile, TorProcess tor, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!tor.isAlive()) {
                throw new IOException("tor exited before its control port was up\n" + tor.logTail(30));
            }
            if (Files.exists(portFile) && Files.exists(cookieFile) && Files.size(cookieFile) == 32) {
                String text = Files.readString(portFile).trim();
                if (text.startsWith("PORT=") && text.contains(":")) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("tor's control port did not come up within " + timeout + "\n" + tor.logTail(30));
            }
            Thread.sleep(50);
        }
        String hostPort = Files.readString(portFile).trim().substring("PORT=".length()).split("\\s")[0];
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 5000);
        TorControl control = new TorControl(socket);
        control.command("AUTHENTICATE " + HexFormat.of().formatHex(Files.readAllBytes(cookieFile)));
        return control;
    }

    /** Sends one command and returns its reply lines; throws unless the reply is 250. */
    synchronized List<String> command(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> reply;
        try {
            reply = replies.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted waiting for tor's reply to " + firstWord(command), e);
        }
        if (reply == null || reply == CLOSED) {
            throw new IOException("No reply from tor to " + firstWord(command));
        }
        if (!reply.get(reply.size() - 1).startsWith("250")) {
            throw new IOException("tor rejected " + firstWord(command) + ": " + String.join(" | ", reply));
        }
        return reply;
    }

    /** {@code GETINFO key}: the value of a single-line answer ({@code 250-key=value}). */
    String getInfo(String key) throws IOException {
        for (String line : command("GETINFO " + key)) {
            String prefix = line.substring(4);
            if (prefix.startsWith(key + "=")) {
                return prefix.substring(key.length() + 1);
            }
        }
        return "";
    }

    /** Next asynchronous event line (without "650 "), or null after the timeout. */
    String nextEvent(Duration timeout) throws InterruptedException {
        return events.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void readLoop(BufferedReader in) {
        List<String> current = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() < 4) {
                    continue;
                }
                current.add(line);
                char sep = line.charAt(3);
                if (sep == '+') {
                    // Data block: lines up to a lone "." belong to this reply.
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        current.add(data);
                    }
                } else if (sep == ' ') {
                    if (line.startsWith("650")) {
                        for (String l : current) {
                            events.add(l.substring(4));
                        }
                    } else {
                        replies.add(current);
                    }
                    current = new ArrayList<>();
                }
            }
        } catch (IOException ignored) {
            // Socket closed: the owner is shutting down or tor exited.
        }
        replies.add(CLOSED);
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
