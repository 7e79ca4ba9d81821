package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TorrcLinesTest {
    static final String RELAY = "relay, bridge, exit and directory options are refused: a relay, bridge or exit in the"
            + " same tor as onion services helps link them";

    @Test
    void keepsOperatorLinesAndDropsComments() {
        List<String> lines = TorrcLines.validate(List.of("# private net", "", "TestingTorNetwork 1",
                "\tDirAuthority test000a orport=5000 no-v2 v3ident=AAAA 127.0.0.1:7000 BBBB", "UseBridges 1"), "f");
        assertEquals(List.of("TestingTorNetwork 1", "DirAuthority test000a orport=5000 no-v2 v3ident=AAAA 127.0.0.1:7000 BBBB",
                "UseBridges 1"), lines);
    }

    /** What the private test network, client bridges, proxies and loopback listeners need. */
    @ParameterizedTest
    @ValueSource(strings = {"TestingTorNetwork 1", "PathsNeededToBuildCircuits 0.67", "TestingDirAuthVoteExit *",
            "TestingDirAuthVoteHSDir *", "TestingMinExitFlagThreshold 0", "V3AuthNIntervalsValid 2",
            "DirAuthority auth0 orport=5000 no-v2 v3ident=AAAA 127.0.0.1:7000 BBBB", "UseBridges 1",
            "Bridge obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=abc iat-mode=0",
            "bridge 192.0.2.2:9001", "ClientTransportPlugin obfs4 exec /usr/bin/obfs4proxy",
            "HTTPSProxy 192.168.1.1:3128", "Socks5Proxy 10.0.0.1:1080", "OutboundBindAddress 192.168.1.2",
            "Log notice file /var/log/tor/notices.log", "l notice stdout", "SyslogIdentityTag panel", "Sandbox 1",
            "HardwareAccel 1", "MetricsPort 127.0.0.1:9035", "MetricsPort 127.0.0.1:9035 prometheus",
            "MetricsPortPolicy accept 127.0.0.1", "DNSPort 127.0.0.1:5353", "HTTPTunnelPort [::1]:8118",
            "httptunnelport [0:0:0:0:0:0:0:1]:8118", "DNSPort 5353", "TransPort auto", "NATDPort 0",
            "TransPort 127.0.0.1:auto", "NATDPort 127.255.0.1:9043", "ExtORPort auto",
            "DNSPort 127.0.0.1:5353 IsolateDestAddr", "MetricsPort unix:/run/panel/metrics",
            "HTTPTunnelPort unix:/tmp/tunnel.sock RelaxDirModeCheck", "DNSPort",
            "ExitNodes {de}", "ExcludeExitNodes {us}", "OutboundBindAddressExit 192.0.2.9"})
    void allowsClientLinesAndLoopbackListeners(String line) {
        assertEquals(List.of(line), TorrcLines.validate(List.of(line), "f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DataDirectory /tmp/x", "ControlPort 9051", "controlport 9051", "SocksPort 9050",
            "HiddenServiceDir /tmp/h", "HiddenServicePort 80 1.2.3.4:80", "__OwningControllerProcess 1",
            "CookieAuthentication 0", "HashedControlPassword 16:AB", "RunAsDaemon 1", "%include /etc/tor/torrc.d",
            "+SocksPort 9999", "/SocksPort", "ClientOnionAuthDir /tmp", "SocksBindAddress 0.0.0.0"})
    void refusesLinesThePanelManages(String line) {
        ValidationException e = assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of("UseBridges 1", line), "extra.torrc"));
        assertTrue(e.getMessage().startsWith("extra.torrc line 2: "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MetricsPort 0.0.0.0:9035            | MetricsPort would listen on every network interface (0.0.0.0)",
            "HTTPTunnelPort [::]:8118            | HTTPTunnelPort would listen on every network interface ([::])",
            "dnsport 0.0.0.0:53 IsolateDestAddr  | DNSPort would listen on every network interface (0.0.0.0)",
            "DNSPort 192.168.1.5:53              | DNSPort would listen on 192.168.1.5, which is not a loopback address",
            "TransPort 10.0.0.1:9040             | TransPort would listen on 10.0.0.1, which is not a loopback",
            "NATDPort 203.0.113.7:9043           | NATDPort would listen on 203.0.113.7, which is not a loopback",
            "ExtORPort [2001:db8::1]:9000        | ExtORPort would listen on [2001:db8::1], which is not a loopback",
            "DNSPort [::ffff:127.0.0.1]:53       | DNSPort would listen on [::ffff:127.0.0.1], which is not a loopback",
            "HTTPTunnelPort localhost:8118       | 'localhost' is a host name: tor would look it up",
            "MetricsPort metrics.example:9035    | 'metrics.example' is a host name",
            "MetricsPort unix:9035               | 'unix' is a host name",
            "DNSPort 127.1:5353                  | cannot tell which address DNSPort would listen on",
            "DNSPort 0127.0.0.1:5353             | cannot tell which address DNSPort would listen on",
            "DNSPort ::1:5353                    | cannot tell which address DNSPort would listen on",
            "DNSPort 127.0.0.1                   | cannot tell which address DNSPort would listen on",
            "DNSPort [fe80::1%eth0]:53           | cannot tell which address DNSPort would listen on",
            "DNSListenAddress 127.0.0.1          | tor no longer reads the *ListenAddress options",
            "TransListenAddress 0.0.0.0          | tor no longer reads the *ListenAddress options",
            "NATDListenAddress 0.0.0.0           | tor no longer reads the *ListenAddress options",
            "ORBindAddress 0.0.0.0               | tor no longer reads the *ListenAddress options",
            "ControlListenAddress 0.0.0.0        | tor no longer reads the *ListenAddress options",
            "User debian-tor                     | tor would switch to that system user",
            "PidFile /run/tor/tor.pid            | tor would write, and at exit delete, a file outside",
            "ORPor 9001                          | 'ORPor' could stand for ORPort; write the full name",
            "BridgeRel 1                         | 'BridgeRel' could stand for BridgeRelay",
            "MetricsP 0.0.0.0:9035               | 'MetricsP' could stand for MetricsPort",
            "DataDir /tmp/x                      | 'DataDir' could stand for DataDirectory",
            "HiddenServ /tmp/h                   | 'HiddenServ' could stand for HiddenServiceDir",
            "PidF /tmp/p                         | 'PidF' could stand for PidFile",
            "Log notice stdout \\                | a line ending in \\ continues onto the next one in tor"})
    void refusesLinesThatOpenTorToTheNetworkWithTheReason(String line, String reason) {
        ValidationException e = assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of("UseBridges 1", line), "extra.torrc"));
        assertTrue(e.getMessage().startsWith("extra.torrc line 2: " + line + " — "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORPort 9001", "orport 127.0.0.1:9001", "ORPort 0", "DirPort 9030", "BridgeRelay 1",
            "ExitRelay 0", "ExitPolicy reject *:*", "ExitPolicyRejectPrivate 1", "ReducedExitPolicy 1", "IPv6Exit 1",
            "ReevaluateExitPolicy 1", "PublishServerDescriptor 0", "ServerTransportPlugin obfs4 exec /usr/bin/obfs4proxy",
            "ServerTransportListenAddr obfs4 0.0.0.0:443", "ServerTransportOptions obfs4 iat-mode=1",
            "AccountingMax 10 GBytes", "AccountingStart month 1 00:00", "AccountingRule sum", "RelayBandwidthRate 1 MBytes",
            "RelayBandwidthBurst 2 MBytes", "MaxAdvertisedBandwidth 1 MBytes", "ContactInfo op@example.org",
            "Nickname myrelay", "MyFamily $AAAA,$BBBB", "FamilyId *", "Address 203.0.113.7", "AssumeReachable 1",
            "DirCache 1", "DirPolicy reject *", "DirPortFrontPage /srv/tor.html", "BridgeDistribution none",
            "AuthoritativeDirectory 1", "V3AuthoritativeDirectory 1", "BridgeAuthoritativeDir 1",
            "BridgeAuthoritativeDirectory 1", "VersioningAuthoritativeDirectory 1"})
    void refusesRelayBridgeExitAndDirectoryOptions(String line) {
        ValidationException e = assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of(line), "Extra torrc"));
        assertEquals("Extra torrc line 1: " + line + " — " + RELAY, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nickname \"x\"", "Nickname x\u0007", "9Lives 1", "MetricsPort unix:\"/tmp/a b\""})
    void refusesQuotesControlCharactersAndNonOptions(String line) {
        assertThrows(ValidationException.class, () -> TorrcLines.validate(List.of(line), "f"));
    }
}
