package io.onionpanel.tor;

import io.onionpanel.settings.DosDefenses;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-service tor options for a service's DoS defences, in the order tor reads them after its
 * HiddenServiceDir. Options left at tor's default are not written. Rate and burst go out only with their
 * switch on: without it tor ignores them, and a reader of the torrc would think they act.
 *
 * <p>In the tor package, not defense: {@link Torrc} writes these lines, and tor sits below the features.
 */
public final class DefenseOptions {
    /** One torrc option and its value. */
    public record Option(String key, String value) {
        public String torrcLine() {
            return key + " " + value;
        }
    }

    private DefenseOptions() {
    }

    public static List<Option> of(DosDefenses d) {
        List<Option> out = new ArrayList<>();
        if (d.maxStreams() != null) {
            out.add(new Option("HiddenServiceMaxStreams", d.maxStreams().toString()));
        }
        if (d.maxStreamsCloseCircuit()) {
            out.add(new Option("HiddenServiceMaxStreamsCloseCircuit", "1"));
        }
        if (d.introductionPoints() != null) {
            out.add(new Option("HiddenServiceNumIntroductionPoints", d.introductionPoints().toString()));
        }
        if (d.introDefense()) {
            out.add(new Option("HiddenServiceEnableIntroDoSDefense", "1"));
            if (d.introRatePerSec() != null) {
                out.add(new Option("HiddenServiceEnableIntroDoSRatePerSec", d.introRatePerSec().toString()));
            }
            if (d.introBurstPerSec() != null) {
                out.add(new Option("HiddenServiceEnableIntroDoSBurstPerSec", d.introBurstPerSec().toString()));
            }
        }
        if (d.pow()) {
            out.add(new Option("HiddenServicePoWDefensesEnabled", "1"));
            if (d.powQueueRate() != null) {
                out.add(new Option("HiddenServicePoWQueueRate", d.powQueueRate().toString()));
            }
            if (d.powQueueBurst() != null) {
                out.add(new Option("HiddenServicePoWQueueBurst", d.powQueueBurst().toString()));
            }
        }
        return out;
    }

    /** The global options of single-onion mode; tor also requires SocksPort 0 with them. */
    public static List<Option> singleOnion() {
        return List.of(new Option("HiddenServiceNonAnonymousMode", "1"), new Option("HiddenServiceSingleHopMode", "1"));
    }
}
