package io.onionpanel.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    private static Settings withService(Settings s, String name) {
        List<ServiceConfig> list = new ArrayList<>(s.services());
        list.add(new ServiceConfig(name, true, List.of(PortMapping.of(80, "127.0.0.1:8000"))));
        return s.withServices(list);
    }

    @Test
    void missingFileMeansDefaults() {
        assertEquals(Settings.defaults(), new SettingsStore(dir).load());
        assertFalse(Files.exists(dir.resolve("settings.json")));
    }

    @Test
    void writesWithSchemaVersionAndKeepsPreviousAsBak() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> withService(s, "a"));
        byte[] first = Files.readAllBytes(store.file());
        store.update(s -> withService(s, "b"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("settings.json.bak")));
        String json = Files.readString(store.file());
        assertTrue(json.contains("\"schemaVersion\" : 1"), json);
        assertEquals(List.of("a", "b"), store.load().services().stream().map(ServiceConfig::name).toList());
        // Only the settings, the backup and the lock file: no temp files left behind.
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count());
        }
    }

    @Test
    void aChangeThatThrowsWritesNothing() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> withService(s, "a"));
        byte[] before = Files.readAllBytes(store.file());
        assertThrows(IllegalStateException.class, () -> store.update(s -> {
            throw new IllegalStateException("refused");
        }));
        assertArrayEquals(before, Files.readAllBytes(store.file()));
    }

    @Test
    void corruptFileIsReportedAndLeftAlone() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        byte[] corrupt = "{\"schemaVersion\": 1, \"services\": [".getBytes(StandardCharsets.UTF_8);
        Files.write(store.file(), corrupt);
        SettingsException e = assertThrows(SettingsException.class, store::load);
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("left unchanged"), e.getMessage());
        assertThrows(SettingsException.class, () -> store.update(s -> withService(s, "x")));
        assertArrayEquals(corrupt, Files.readAllBytes(store.file()));
    }

    @Test
    void newerSchemaAndUnknownFieldsAreRefused() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"schemaVersion\": 99}");
        assertTrue(assertThrows(SettingsException.class, store::load).getMessage().contains("newer Onion Panel"));
        Files.writeString(store.file(), "{\"schemaVersion\": 1, \"servces\": []}");
        assertTrue(assertThrows(SettingsException.class, store::load).getMessage().contains("corrupt"));
        Files.writeString(store.file(), "{\"services\": []}");
        assertTrue(assertThrows(SettingsException.class, store::load).getMessage().contains("schemaVersion"));
    }

    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        SettingsStore one = new SettingsStore(dir);
        SettingsStore two = new SettingsStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "s" + i;
            SettingsStore store = i % 2 == 0 ? one : two;
            futures.add(pool.submit(() -> store.update(s -> withService(s, name))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(40, one.load().services().size());
    }

    @Test
    void warmingUpWhileAnotherThreadLoadsGivesTheSameSettings() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> withService(s, "api"));
        byte[] before = Files.readAllBytes(store.file());
        Thread warm = new Thread(SettingsStore::warmUp);
        warm.start();
        Settings loaded = store.load();
        warm.join();
        assertEquals("api", loaded.services().get(0).name());
        assertArrayEquals(before, Files.readAllBytes(store.file()), "warming up reads nothing and writes nothing");
    }
}
