package io.onionpanel.actions;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.DosLimits;

/**
 * Changes to a service's DoS defences, as an operator gives them: each field null to leave the current value; a
 * number as text, or {@code default} for tor's default. Applied (and validated against tor's limits) where the
 * service lives, so the CLI's options and the control API's {@code defenses} object mean the same.
 */
public record DefenseChanges(String maxStreams, Boolean closeCircuit, Boolean introDos, String introRate,
                             String introBurst, String introPoints, Boolean pow, String powRate, String powBurst) {
    public static final DefenseChanges NONE = new DefenseChanges(null, null, null, null, null, null, null, null, null);
    /** Longer number texts are refused before parsing: nothing tor takes is longer. */
    private static final int MAX_TEXT = 20;

    /** Changes that make a service's defences exactly {@code d} (a null number: tor's default). */
    public static DefenseChanges toBe(DosDefenses d) {
        return new DefenseChanges(text(d.maxStreams()), d.maxStreamsCloseCircuit(), d.introDefense(),
                text(d.introRatePerSec()), text(d.introBurstPerSec()), text(d.introductionPoints()), d.pow(),
                text(d.powQueueRate()), text(d.powQueueBurst()));
    }

    private static String text(Integer value) {
        return value == null ? "default" : value.toString();
    }

    public boolean any() {
        return maxStreams != null || closeCircuit != null || introDos != null || introRate != null || introBurst != null
                || introPoints != null || pow != null || powRate != null || powBurst != null;
    }

    /** True when these changes would leave proof-of-work on (so the tor in use must support it). */
    public boolean turnsPowOn(DosDefenses current) {
        return Boolean.TRUE.equals(pow) || (pow == null && current.pow() && (powRate != null || powBurst != null));
    }

    /** The current defences with these changes applied; validated against tor's limits. */
    public DosDefenses applyTo(DosDefenses d) {
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
        if (text.length() > MAX_TEXT) {
            throw new ValidationException(what + " is too long: give a number or 'default'");
        }
        if (text.strip().equalsIgnoreCase("default")) {
            return null;
        }
        if (text.isBlank()) {
            throw new ValidationException(what + " is empty: give a number or 'default'");
        }
        return DosLimits.parse(what, text, min, max);
    }
}
