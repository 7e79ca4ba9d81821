package io.onionpanel.cli;

import io.onionpanel.defense.DefenseHelp;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.DosLimits;
import picocli.CommandLine.Option;

/**
 * The DoS-defence options of {@code service add} and {@code service edit}. Each number also takes
 * {@code default} (back to tor's default); an option not given leaves the current value.
 */
final class DefenseFlags {
    @Option(names = "--max-streams", paramLabel = "N|default", description = DefenseHelp.MAX_STREAMS)
    String maxStreams;

    @Option(names = "--max-streams-close-circuit", negatable = true, description = DefenseHelp.CLOSE_CIRCUIT)
    Boolean closeCircuit;

    @Option(names = "--intro-dos", negatable = true, description = DefenseHelp.INTRO_DEFENSE)
    Boolean introDos;

    @Option(names = "--intro-dos-rate", paramLabel = "N|default", description = DefenseHelp.INTRO_RATE)
    String introRate;

    @Option(names = "--intro-dos-burst", paramLabel = "N|default", description = DefenseHelp.INTRO_BURST)
    String introBurst;

    @Option(names = "--intro-points", paramLabel = "N|default", description = DefenseHelp.INTRO_POINTS)
    String introPoints;

    @Option(names = "--pow", negatable = true, description = DefenseHelp.POW)
    Boolean pow;

    @Option(names = "--pow-queue-rate", paramLabel = "N|default", description = DefenseHelp.POW_RATE)
    String powRate;

    @Option(names = "--pow-queue-burst", paramLabel = "N|default", description = DefenseHelp.POW_BURST)
    String powBurst;

    boolean any() {
        return maxStreams != null || closeCircuit != null || introDos != null || introRate != null || introBurst != null
                || introPoints != null || pow != null || powRate != null || powBurst != null;
    }

    /** True when these flags would leave proof-of-work on (so the tor in use must support it). */
    boolean turnsPowOn(DosDefenses current) {
        return Boolean.TRUE.equals(pow) || (pow == null && current.pow() && (powRate != null || powBurst != null));
    }

    /** The current defences with the given flags applied; validated against tor's limits. */
    DosDefenses applyTo(DosDefenses d) {
        DosDefenses next = d
                .withMaxStreams(number("Max streams per circuit", maxStreams, 0, DosLimits.MAX_STREAMS_MAX, d.maxStreams()),
                        closeCircuit == null ? d.maxStreamsCloseCircuit() : closeCircuit)
                .withIntroDefense(introDos == null ? d.introDefense() : introDos,
                        number("Intro DoS rate per second", introRate, 0, DosLimits.INT32_MAX, d.introRatePerSec()),
                        number("Intro DoS burst per second", introBurst, 0, DosLimits.INT32_MAX, d.introBurstPerSec()))
                .withIntroductionPoints(number("Introduction points", introPoints, DosLimits.INTRO_POINTS_MIN,
                        DosLimits.INTRO_POINTS_MAX, d.introductionPoints()))
                .withPow(pow == null ? d.pow() : pow,
                        number("PoW queue rate", powRate, 0, DosLimits.INT32_MAX, d.powQueueRate()),
                        number("PoW queue burst", powBurst, 0, DosLimits.INT32_MAX, d.powQueueBurst()));
        return DosLimits.requireValid(next);
    }

    private static Integer number(String what, String text, long min, long max, Integer current) {
        if (text == null) {
            return current;
        }
        if (text.strip().equalsIgnoreCase("default")) {
            return null;
        }
        if (text.isBlank()) {
            throw new io.onionpanel.common.ValidationException(what + " is empty: give a number or 'default'");
        }
        return DosLimits.parse(what, text, min, max);
    }
}
