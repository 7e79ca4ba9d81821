package io.onionpanel.cli;

import io.onionpanel.actions.DefenseChanges;
import io.onionpanel.defense.DefenseHelp;
import picocli.CommandLine.Option;

/**
 * The DoS-defence options of {@code service add} and {@code service edit}. Each number also takes
 * {@code default} (back to tor's default); an option not given leaves the current value ({@link DefenseChanges}).
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

    /** The options as changes, applied and validated wherever the service lives (this folder, or an engine's). */
    DefenseChanges changes() {
        return new DefenseChanges(maxStreams, closeCircuit, introDos, introRate, introBurst, introPoints, pow, powRate,
                powBurst);
    }
}
