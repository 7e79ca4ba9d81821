package io.onionpanel.tor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which torrc options an operator line may not set, and why: what the panel manages, and what opens this tor to
 * the network (listeners beyond loopback, serving as a relay, bridge, exit or directory) or takes the process
 * out of the panel's hands. Names are matched as tor matches them: case-insensitively, with its aliases and
 * abbreviations.
 */
final class OperatorLineRules {
    private enum Kind { MANAGED, LISTENER, REFUSED }

    private record Rule(String option, Kind kind, String reason) {
    }

    private static final String SERVER = "relay, bridge, exit and directory options are refused: a relay, bridge or"
            + " exit in the same tor as onion services helps link them";
    private static final String OBSOLETE = "tor no longer reads the *ListenAddress options (it skips them with a"
            + " warning); a listener's address goes on its *Port line, e.g. DNSPort 127.0.0.1:5353";
    private static final String USER = "tor would switch to that system user, and the panel (running as you) could"
            + " no longer read tor's files or keep control of it; run Onion Panel itself as that user instead";
    private static final String PID_FILE = "tor would write, and at exit delete, a file outside the panel's data"
            + " folder; the panel already knows tor's process and stops it itself";

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        add(Kind.MANAGED, null, "DataDirectory", "ControlPort", "ControlPortWriteToFile",
                "ControlPortFileGroupReadable", "ControlSocket", "ControlSocketsGroupWritable", "CookieAuthentication",
                "CookieAuthFile", "CookieAuthFileGroupReadable", "HashedControlPassword", "SocksPort",
                "SocksListenAddress", "SocksBindAddress", "RunAsDaemon", "ClientOnionAuthDir", "Include");
        // Bare ports bind 127.0.0.1 for these (checked on tor 0.4.7.13 and 0.4.9.11); addresses are checked.
        add(Kind.LISTENER, null, "MetricsPort", "HTTPTunnelPort", "DNSPort", "TransPort", "NATDPort", "ExtORPort");
        // ORBindAddress and DirBindAddress are tor's aliases of ORListenAddress and DirListenAddress.
        refuse(OBSOLETE, "DNSListenAddress", "TransListenAddress", "NATDListenAddress", "ControlListenAddress",
                "ORListenAddress", "DirListenAddress", "ORBindAddress", "DirBindAddress");
        // tor's manual: SERVER OPTIONS, DIRECTORY SERVER OPTIONS, DIRECTORY AUTHORITY SERVER OPTIONS. The options that
        // make a relay or define its role, identity, policy and bandwidth; tuning that only a relay reads is left.
        refuse(SERVER, "ORPort", "DirPort", "BridgeRelay", "BridgeDistribution", "ExitRelay", "ExitPolicy",
                "ExitPolicyRejectPrivate", "ExitPolicyRejectLocalInterfaces", "ReducedExitPolicy", "IPv6Exit",
                "ReevaluateExitPolicy", "PublishServerDescriptor", "ServerTransportPlugin", "ServerTransportListenAddr",
                "ServerTransportOptions", "AccountingMax", "AccountingStart", "AccountingRule", "RelayBandwidthRate",
                "RelayBandwidthBurst", "MaxAdvertisedBandwidth", "ContactInfo", "Nickname", "MyFamily", "FamilyId",
                "Address", "AddressDisableIPv6", "AssumeReachable", "AssumeReachableIPv6", "DirCache", "DirPolicy",
                "DirPortFrontPage", "AuthoritativeDirectory", "V3AuthoritativeDirectory", "BridgeAuthoritativeDir",
                "BridgeAuthoritativeDirectory", "VersioningAuthoritativeDirectory");
        refuse(USER, "User");
        refuse(PID_FILE, "PidFile");
    }

    /**
     * tor reads a name that begins one of its options as that option (with a warning), so a prefix of a refused
     * name is refused too; these are full option names of their own that happen to begin a refused one
     * (TorrcLinesOnTorTest keeps this in step with the installed tor's list of options).
     */
    private static final Set<String> FULL_NAMES = Set.of("bridge");

    private OperatorLineRules() {
    }

    private static void refuse(String reason, String... options) {
        add(Kind.REFUSED, reason, options);
    }

    private static void add(Kind kind, String reason, String... options) {
        for (String option : options) {
            RULES.put(option.toLowerCase(Locale.ROOT), new Rule(option, kind, reason));
        }
    }

    /**
     * Why {@code line} (option {@code key}, then {@code value}) is refused, worded to follow "source line N: ";
     * empty when tor may have it.
     */
    static Optional<String> refusal(String line, String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith("hiddenservice")) {
            return Optional.of(managed(key) + " (configure onion services in the panel)");
        }
        Rule rule = RULES.get(lower);
        if (rule == null) {
            return abbreviation(key, lower).map(why -> line + " — " + why);
        }
        return switch (rule.kind()) {
            case MANAGED -> Optional.of(managed(key));
            case LISTENER -> ListenerAddress.refusal(rule.option(), value).map(why -> line + " — " + why);
            case REFUSED -> Optional.of(line + " — " + rule.reason());
        };
    }

    private static String managed(String key) {
        return key + " is managed by the panel and cannot be overridden";
    }

    private static Optional<String> abbreviation(String key, String lower) {
        if (FULL_NAMES.contains(lower)) {
            return Optional.empty();
        }
        if ("hiddenservice".startsWith(lower)) {
            return Optional.of(abbreviated(key, "HiddenServiceDir"));
        }
        return RULES.values().stream().filter(r -> r.option().toLowerCase(Locale.ROOT).startsWith(lower)).findFirst()
                .map(r -> abbreviated(key, r.option()));
    }

    private static String abbreviated(String key, String option) {
        return "tor reads an abbreviated option name as a longer one, and '" + key + "' could stand for " + option
                + "; write the full name";
    }
}
