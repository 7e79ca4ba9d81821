package io.onionpanel.tor;

import java.util.Map;

/** An asynchronous event from tor's control port, parsed from its raw line. */
public sealed interface TorEvent {
    /** STATUS_CLIENT BOOTSTRAP: how far tor is in building its view of the network. */
    record Bootstrap(int progress, String tag, String summary, String warning) implements TorEvent {
        public boolean done() {
            return progress >= 100;
        }
    }

    /** HS_DESC: descriptor upload/fetch progress of an onion service; address without ".onion". */
    record HsDesc(String action, String address, String hsDir, String reason) implements TorEvent {
    }

    /** NOTICE / WARN / ERR log messages. */
    record Log(String level, String message) implements TorEvent {
    }

    /** CIRC with every field tor sends (PURPOSE, HS_STATE, TIME_CREATED, …). */
    record Circuit(String id, String status, String path, Map<String, String> fields) implements TorEvent {
    }

    /** BW: bytes read and written in the last second. */
    record Bandwidth(long read, long written) implements TorEvent {
    }

    /** Anything this version does not interpret, kept whole. */
    record Other(String type, String line) implements TorEvent {
    }
}
