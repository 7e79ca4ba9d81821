package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A service's denial-of-service defences, as tor options for its HiddenServiceDir. A null number means
 * "tor's default" and is not written to torrc, so a service keeps following tor when its defaults change.
 * A settings.json written before this existed has no {@code defenses}: it loads as {@link #NONE}.
 *
 * @param maxStreams             HiddenServiceMaxStreams (0 = unlimited)
 * @param maxStreamsCloseCircuit HiddenServiceMaxStreamsCloseCircuit
 * @param introDefense           HiddenServiceEnableIntroDoSDefense
 * @param introRatePerSec        HiddenServiceEnableIntroDoSRatePerSec
 * @param introBurstPerSec       HiddenServiceEnableIntroDoSBurstPerSec
 * @param introductionPoints     HiddenServiceNumIntroductionPoints
 * @param pow                    HiddenServicePoWDefensesEnabled (needs a tor with the pow module)
 * @param powQueueRate           HiddenServicePoWQueueRate
 * @param powQueueBurst          HiddenServicePoWQueueBurst
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record DosDefenses(Integer maxStreams, Boolean maxStreamsCloseCircuit, Boolean introDefense,
                          Integer introRatePerSec, Integer introBurstPerSec, Integer introductionPoints,
                          Boolean pow, Integer powQueueRate, Integer powQueueBurst) {
    /** Booleans are boxed so that a settings.json without them loads (the store refuses null primitives). */
    public DosDefenses {
        maxStreamsCloseCircuit = Boolean.TRUE.equals(maxStreamsCloseCircuit);
        introDefense = Boolean.TRUE.equals(introDefense);
        pow = Boolean.TRUE.equals(pow);
    }

    public static final DosDefenses NONE = new DosDefenses(null, false, false, null, null, null, false, null, null);

    @JsonIgnore
    public boolean isNone() {
        return NONE.equals(this);
    }

    public DosDefenses withMaxStreams(Integer value, boolean closeCircuit) {
        return new DosDefenses(value, closeCircuit, introDefense, introRatePerSec, introBurstPerSec, introductionPoints,
                pow, powQueueRate, powQueueBurst);
    }

    public DosDefenses withIntroDefense(boolean on, Integer rate, Integer burst) {
        return new DosDefenses(maxStreams, maxStreamsCloseCircuit, on, rate, burst, introductionPoints,
                pow, powQueueRate, powQueueBurst);
    }

    public DosDefenses withIntroductionPoints(Integer value) {
        return new DosDefenses(maxStreams, maxStreamsCloseCircuit, introDefense, introRatePerSec, introBurstPerSec, value,
                pow, powQueueRate, powQueueBurst);
    }

    public DosDefenses withPow(boolean on, Integer rate, Integer burst) {
        return new DosDefenses(maxStreams, maxStreamsCloseCircuit, introDefense, introRatePerSec, introBurstPerSec,
                introductionPoints, on, rate, burst);
    }

    /**
     * Jackson's filter for {@code @JsonInclude(CUSTOM)}: a service without defences keeps its settings.json
     * entry as it was before the feature existed.
     */
    public static final class OmitWhenNone {
        @Override
        public boolean equals(Object value) {
            return value == null || NONE.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
