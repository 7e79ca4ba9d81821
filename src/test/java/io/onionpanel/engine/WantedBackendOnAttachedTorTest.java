package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.Balance;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Onionbalance backend is never handed to a tor the panel attached to: ADD_ONION cannot make it an instance. */
class WantedBackendOnAttachedTorTest {
    private static final String FRONTEND = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";

    @Test
    void aBackendIsHeldBackOnAnAttachedTorAndRunsOnTheOwnTor(@TempDir Path data) throws Exception {
        ServiceConfig backend = new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000")))
                .withBalance(Balance.backendOf(FRONTEND));
        ServiceConfig plain = new ServiceConfig("web", true, List.of(PortMapping.of(80, "127.0.0.1:8080")));
        Settings settings = Settings.defaults().withServices(List.of(backend, plain));
        ServiceFolders folders = new ServiceFolders(data);

        Wanted attached = Wanted.of(settings, folders, EngineAttach.placeholder());
        assertEquals(1, attached.services().size(), "only the plain service goes to the attached tor");
        String reason = attached.heldBack().get("api");
        assertTrue(reason != null && reason.contains("HiddenServiceOnionBalanceInstance") && reason.contains("kept offline"),
                String.valueOf(reason));

        Wanted own = Wanted.of(settings, folders, null);
        assertEquals(2, own.services().size());
        assertTrue(own.services().stream().anyMatch(s -> s.balanceInstance()), "the own tor runs it as an instance");
    }
}
