package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinBridgesTest {
    @TempDir Path data;

    @Test
    void theShippedSetIsTorsDefaultWithItsDate() {
        BuiltinBridges b = BuiltinBridges.load(data);
        assertEquals("shipped", b.source());
        assertTrue(b.date().matches("\\d{4}-\\d{2}-\\d{2}"), b.date());
        assertTrue(b.of(Transport.OBFS4).size() >= 3, b.toString());
        assertEquals(2, b.of(Transport.SNOWFLAKE).size());
    }

    @Test
    void theOperatorReplacesItWithoutARelease() throws Exception {
        Files.writeString(data.resolve(BuiltinBridges.FILE_NAME), "# date: 2027-01-15\n" + BridgeLineTest.OBFS4 + "\n");
        BuiltinBridges b = BuiltinBridges.load(data);
        assertEquals("2027-01-15", b.date());
        assertEquals(1, b.of(Transport.OBFS4).size());
        assertEquals(0, b.of(Transport.SNOWFLAKE).size());
        Files.writeString(data.resolve(BuiltinBridges.FILE_NAME), "obfs4 1.2.3.4:1 nope\n");
        ValidationException e = assertThrows(ValidationException.class, () -> BuiltinBridges.load(data));
        assertTrue(e.getMessage().startsWith("Built-in bridge list (" + data.resolve(BuiltinBridges.FILE_NAME)), e.getMessage());
    }
}
