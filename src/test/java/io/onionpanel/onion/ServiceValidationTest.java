package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceValidationTest {
    @ParameterizedTest
    @ValueSource(strings = {"routstr", "api-1", "My_Service", "a", "0day"})
    void acceptsSafeNames(String name) {
        assertEquals(name, ServiceValidation.requireName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "_lead", "has space", "../up", "a/b", "a.b", "ünïcode", "con", "NUL", "lpt1"})
    void refusesUnsafeNames(String name) {
        ValidationException e = assertThrows(ValidationException.class, () -> ServiceValidation.requireName(name));
        assertTrue(e.getMessage().contains("Service name"), e.getMessage());
    }

    @Test
    void refusesOverlongName() {
        assertThrows(ValidationException.class, () -> ServiceValidation.requireName("a".repeat(65)));
        assertEquals("a".repeat(64), ServiceValidation.requireName("a".repeat(64)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api\nHiddenServiceDir /tmp", "api\r", "api\"", "api'", "api\u0000", "api\u001b[31m", "api\u2028"})
    void refusesInjectionInNames(String name) {
        ValidationException e = assertThrows(ValidationException.class, () -> ServiceValidation.requireName(name));
        assertTrue(e.getMessage().matches(".*(line break|quotes|control characters).*"), e.getMessage());
    }

    @Test
    void normalisesTargets() {
        assertEquals("127.0.0.1:8000", ServiceValidation.normalizeTarget("8000"));
        assertEquals("127.0.0.1:8000", ServiceValidation.normalizeTarget(" 127.0.0.1:8000 "));
        assertEquals("localhost:8000", ServiceValidation.normalizeTarget("localhost:8000"));
        assertEquals("[::1]:8000", ServiceValidation.normalizeTarget("[::1]:8000"));
        assertEquals("unix:/run/api.sock", ServiceValidation.normalizeTarget("unix:/run/api.sock"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1", "127.0.0.1:", ":80", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:abc",
            "300.1.1.1:80", "::1:80", "[zz]:80", "bad_host!:80", "unix:relative.sock", "unix:/with space",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd.onion:80",
            "127.0.0.1:80\nHiddenServiceDir /etc", "127.0.0.1:80\"", "127.0.0.1:80 extra"})
    void refusesBadTargets(String target) {
        assertThrows(ValidationException.class, () -> ServiceValidation.normalizeTarget(target));
    }

    @Test
    void portRangeMessageNamesTheLimits() {
        ValidationException e = assertThrows(ValidationException.class, () -> ServiceValidation.parseMapping("70000=127.0.0.1:8000"));
        assertEquals("Virtual port 70000 is out of range: use 1–65535", e.getMessage());
        assertThrows(ValidationException.class, () -> ServiceValidation.parseMapping("0=127.0.0.1:8000"));
        assertThrows(ValidationException.class, () -> ServiceValidation.parseMapping("80"));
        assertThrows(ValidationException.class, () -> ServiceValidation.parseMapping("=127.0.0.1:80"));
        assertThrows(ValidationException.class, () -> ServiceValidation.parseMapping("-1=127.0.0.1:80"));
    }

    @Test
    void mergesTargetsOfOneVirtualPortForLoadBalancing() {
        List<PortMapping> merged = ServiceValidation.mergeMappings(List.of(
                PortMapping.of(80, "127.0.0.1:8000"), PortMapping.of(443, "127.0.0.1:8443"), PortMapping.of(80, "127.0.0.1:8001")));
        assertEquals(List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001"), PortMapping.of(443, "127.0.0.1:8443")), merged);
    }

    @Test
    void refusesDuplicateMapping() {
        ValidationException e = assertThrows(ValidationException.class, () -> ServiceValidation.mergeMappings(List.of(
                PortMapping.of(80, "127.0.0.1:8000"), PortMapping.of(80, "8000"))));
        assertEquals("Virtual port 80 lists target 127.0.0.1:8000 twice", e.getMessage());
    }

    @Test
    void refusesServiceWithoutPorts() {
        assertThrows(ValidationException.class, () -> ServiceValidation.requireValid(new ServiceConfig("x", true, List.of())));
        assertThrows(ValidationException.class, () -> ServiceValidation.requireValid(
                new ServiceConfig("x", true, List.of(new PortMapping(80, List.of())))));
    }

    @Test
    void refusesDuplicateNamesIgnoringCase() {
        var a = new ServiceConfig("Api", true, List.of(PortMapping.of(80, "8000")));
        var b = new ServiceConfig("api", true, List.of(PortMapping.of(80, "8001")));
        assertThrows(ValidationException.class, () -> ServiceValidation.requireUniqueNames(List.of(a, b)));
    }
}
