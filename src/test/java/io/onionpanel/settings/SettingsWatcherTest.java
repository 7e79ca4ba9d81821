package io.onionpanel.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader of settings.json per process: everyone who watches a folder gets the same changes, in order. */
class SettingsWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path data;

    @Test
    void everyoneNamingAFolderSharesOneWatcher() {
        assertSame(SettingsWatcher.of(data), SettingsWatcher.of(data.resolve(".").resolve("x").resolve("..")));
    }

    @Test
    void eachSubscriberGetsTheFileAsItIsThenEveryChangeInOrder() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(100)));
        SettingsWatcher watcher = SettingsWatcher.of(data);
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> second = new CopyOnWriteArrayList<>();
        try (AutoCloseable a = watcher.subscribe(Duration.ofMillis(20), s -> first.add(timeout(s)));
             AutoCloseable b = watcher.subscribe(Duration.ofSeconds(5), s -> second.add(timeout(s)))) {
            Poll.until("both have the file as it is", WAIT, () -> first.equals(List.of(100)) && second.equals(List.of(100)));
            for (int seconds = 101; seconds <= 105; seconds++) {
                int value = seconds;
                store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(value)));
                Poll.until("both saw " + value, WAIT, () -> first.contains(value) && second.contains(value));
            }
            assertEquals(List.of(100, 101, 102, 103, 104, 105), first, "each change once, in order");
            assertEquals(first, second, "the slower subscriber is served by the faster one's poll");
        }
        assertFalse(watcher.polling(), "no subscriber, no thread");
    }

    @Test
    void aChangeReadByCurrentReachesTheSubscribersAtOnce() throws Exception {
        SettingsStore store = new SettingsStore(data);
        SettingsWatcher watcher = SettingsWatcher.of(data);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable a = watcher.subscribe(Duration.ofHours(1), s -> seen.add(timeout(s)))) {
            Poll.until("the file as it is", WAIT, () -> seen.size() == 1);
            store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(150)));
            assertEquals(150, watcher.current().settings().tor().bootstrapTimeoutSeconds());
            Poll.until("the change went out without waiting an hour", WAIT, () -> seen.contains(150));
            store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(160)));
            watcher.lookNow();
            Poll.until("lookNow", WAIT, () -> seen.contains(160));
        }
    }

    @Test
    void aBrokenFileIsReportedOnceAndTheNextGoodOneFollows() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s);
        byte[] good = store.readBytes();
        SettingsWatcher watcher = SettingsWatcher.of(data);
        List<SettingsSnapshot> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable a = watcher.subscribe(Duration.ofMillis(20), seen::add)) {
            Poll.until("the file as it is", WAIT, () -> seen.size() == 1 && seen.get(0).ok());
            Files.writeString(data.resolve(SettingsStore.FILE_NAME), "{ not json", StandardCharsets.UTF_8);
            Poll.until("the problem", WAIT, () -> seen.size() == 2);
            assertFalse(seen.get(1).ok());
            assertNotNull(seen.get(1).problem().getMessage());
            Thread.sleep(200);
            assertEquals(2, seen.size(), "an unchanged broken file is not news");
            Files.write(data.resolve(SettingsStore.FILE_NAME), good);
            Poll.until("good again", WAIT, () -> seen.size() == 3 && seen.get(2).ok());
        }
    }

    @Test
    void anotherFileOfTheFolderIsFollowedOnTheSameThread() throws Exception {
        SettingsWatcher watcher = SettingsWatcher.of(data);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable a = watcher.follow("backups.json", Duration.ofMillis(20),
                bytes -> seen.add(new String(bytes, StandardCharsets.UTF_8)))) {
            Poll.until("missing: empty", WAIT, () -> seen.equals(List.of("")));
            Files.writeString(data.resolve("backups.json"), "{}", StandardCharsets.UTF_8);
            Poll.until("written", WAIT, () -> seen.equals(List.of("", "{}")));
            assertTrue(watcher.polling());
        }
    }

    private static int timeout(SettingsSnapshot s) {
        return s.settings().tor().bootstrapTimeoutSeconds();
    }
}
