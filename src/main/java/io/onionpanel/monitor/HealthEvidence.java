package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.routstr.Announcement;
import java.time.Instant;

/**
 * What the health rules look at for one service, gathered by the monitor at one moment.
 *
 * @param uploadsLastHour     HS_DESC UPLOADED events for the service's address in the last hour
 * @param lastUpload          the last UPLOADED, or null
 * @param failedUploadsLastHour HS_DESC FAILED for it in the last hour
 * @param introEstablished    built HS_SERVICE_INTRO circuits with HS_STATE=HSSI_ESTABLISHED for it
 * @param introMissingSince   since when it has had none while published, or null
 * @param lastProbe           the last self-probe, or null before the first
 * @param probeFailuresInRow  consecutive failed probes up to and including the last
 * @param targetsAnswering    how many of the service's local targets accepted a connection at the last check
 * @param targets             how many local targets it has; -1 before the first check
 * @param routstr             what its Routstr node announced at the last check; null when the service is not
 *                            marked as one, or before the first check
 */
public record HealthEvidence(TorStatus tor, int builtCircuits, ServiceStatus service, int uploadsLastHour,
                             Instant lastUpload, int failedUploadsLastHour, int introEstablished,
                             Instant introMissingSince, SelfProbeResult lastProbe, int probeFailuresInRow,
                             int targetsAnswering, int targets, String targetList, Announcement routstr,
                             boolean balancedFrontend) {
    public HealthEvidence(TorStatus tor, int builtCircuits, ServiceStatus service, int uploadsLastHour,
                          Instant lastUpload, int failedUploadsLastHour, int introEstablished,
                          Instant introMissingSince, SelfProbeResult lastProbe, int probeFailuresInRow,
                          int targetsAnswering, int targets, String targetList, Announcement routstr) {
        this(tor, builtCircuits, service, uploadsLastHour, lastUpload, failedUploadsLastHour, introEstablished,
                introMissingSince, lastProbe, probeFailuresInRow, targetsAnswering, targets, targetList, routstr, false);
    }

    public HealthEvidence(TorStatus tor, int builtCircuits, ServiceStatus service, int uploadsLastHour,
                          Instant lastUpload, int failedUploadsLastHour, int introEstablished,
                          Instant introMissingSince, SelfProbeResult lastProbe, int probeFailuresInRow,
                          int targetsAnswering, int targets, String targetList) {
        this(tor, builtCircuits, service, uploadsLastHour, lastUpload, failedUploadsLastHour, introEstablished,
                introMissingSince, lastProbe, probeFailuresInRow, targetsAnswering, targets, targetList, null);
    }
}
