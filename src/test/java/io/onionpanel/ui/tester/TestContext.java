package io.onionpanel.ui.tester;

import io.onionpanel.ui.model.ServiceContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service context for the views without a whole panel: the address, SOCKS port and local target of a real tor
 * onion service on the private network (or none, for the "tor not ready" state). Fixed-port saves are recorded.
 */
final class TestContext implements ServiceContext {
    volatile String onion;
    volatile InetSocketAddress socks;
    volatile String notReady;
    volatile String localTarget;
    volatile int fixedPort;
    volatile List<Integer> virtualPorts = List.of(80);
    volatile boolean clientAuth;
    final Path dataDir;

    TestContext(Path dataDir, String onion, InetSocketAddress socks, String localTarget) {
        this.dataDir = dataDir;
        this.onion = onion;
        this.socks = socks;
        this.localTarget = localTarget;
    }

    @Override
    public String service() {
        return "routstr";
    }

    @Override
    public Optional<String> onion() {
        return Optional.ofNullable(onion);
    }

    @Override
    public Optional<InetSocketAddress> socks() {
        return Optional.ofNullable(socks);
    }

    @Override
    public String torNotReady() {
        return notReady;
    }

    @Override
    public List<Integer> virtualPorts() {
        return virtualPorts;
    }

    @Override
    public boolean clientAuth() {
        return clientAuth;
    }

    @Override
    public Optional<String> localTarget(int virtualPort) {
        return Optional.ofNullable(localTarget);
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public int fixedSocksPort() {
        return fixedPort;
    }

    @Override
    public void saveFixedSocksPort(int port, Runnable onDone, Consumer<Throwable> onError) {
        fixedPort = port;
        onDone.run();
    }
}
