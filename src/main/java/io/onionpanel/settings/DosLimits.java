package io.onionpanel.settings;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;

/**
 * tor's own limits for the DoS options, checked before a value reaches torrc or SETCONF. Checked against
 * tor 0.4.9.11 ({@code tor --verify-config}) and its man page: MaxStreams 0–65535, NumIntroductionPoints
 * 3–20 for v3 services, intro DoS rate/burst and PoW queue rate/burst 0–2147483647, and an intro DoS burst
 * not smaller than its rate ("burst can not be smaller than the rate value" is fatal in tor).
 *
 * <p>In settings, next to {@link DosDefenses}: the onion package validates with it and sits below the features.
 */
public final class DosLimits {
    public static final int MAX_STREAMS_MAX = 65535;
    public static final int INTRO_POINTS_MIN = 3;
    public static final int INTRO_POINTS_MAX = 20;
    public static final int INTRO_POINTS_DEFAULT = 3;
    public static final int INTRO_RATE_DEFAULT = 25;
    public static final int INTRO_BURST_DEFAULT = 200;
    public static final int POW_RATE_DEFAULT = 250;
    public static final int POW_BURST_DEFAULT = 2500;
    public static final long INT32_MAX = Integer.MAX_VALUE;

    private DosLimits() {
    }

    /** Returns the defences unchanged, or throws naming the first value tor would refuse. */
    public static DosDefenses requireValid(DosDefenses d) {
        range("Max streams per circuit", d.maxStreams(), 0, MAX_STREAMS_MAX);
        range("Introduction points", d.introductionPoints(), INTRO_POINTS_MIN, INTRO_POINTS_MAX);
        range("Intro DoS rate per second", d.introRatePerSec(), 0, INT32_MAX);
        range("Intro DoS burst per second", d.introBurstPerSec(), 0, INT32_MAX);
        range("PoW queue rate", d.powQueueRate(), 0, INT32_MAX);
        range("PoW queue burst", d.powQueueBurst(), 0, INT32_MAX);
        int rate = d.introRatePerSec() == null ? INTRO_RATE_DEFAULT : d.introRatePerSec();
        int burst = d.introBurstPerSec() == null ? INTRO_BURST_DEFAULT : d.introBurstPerSec();
        if (burst < rate && (d.introRatePerSec() != null || d.introBurstPerSec() != null)) {
            throw new ValidationException("Intro DoS burst per second (" + burst + ") cannot be smaller than the rate ("
                    + rate + "): tor refuses that");
        }
        return d;
    }

    /**
     * Parses a number typed by the operator; blank means "tor's default" (null).
     *
     * @throws ValidationException when the text is not a whole number in range
     */
    public static Integer parse(String what, String text, long min, long max) {
        String t = text == null ? "" : SafeText.requireSafe(what, text).strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            throw new ValidationException(what + " '" + text + "' is not a whole number from " + min + " to " + max);
        }
        long v = Long.parseLong(t);
        range(what, v, min, max);
        return (int) v;
    }

    private static void range(String what, Integer value, long min, long max) {
        if (value != null) {
            range(what, value.longValue(), min, max);
        }
    }

    private static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ValidationException(what + " " + value + " is out of range: tor accepts " + min + "–" + max);
        }
    }
}
