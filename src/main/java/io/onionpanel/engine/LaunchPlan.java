package io.onionpanel.engine;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.AttachSettings;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsSnapshot;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.FixedSocksPort;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.Torrc;
import io.onionpanel.tor.TorrcLines;
import java.util.ArrayList;
import java.util.List;

/**
 * What one launch of tor is, read from the settings before anything starts, so that whatever is wrong with them
 * stops the launch before a tor runs: the settings, the tor to run or attach to, the wanted services and the torrc.
 *
 * @param attach             the running tor to attach to, or null to launch one
 * @param unsupportedAllowed a launched tor below the supported minimum runs because the operator allowed it
 * @param deferServices      the services go to tor once it has bootstrapped (see ServiceReconciler)
 */
record LaunchPlan(Settings settings, byte[] settingsBytes, AttachSettings attach, TorBinary binary,
                  boolean unsupportedAllowed, Wanted wanted, boolean deferServices, String torrc) {

    static LaunchPlan read(EngineOptions options, SettingsWatcher watcher, ServiceFolders folders, TorPaths paths,
                           TorLauncher launcher) throws EngineException {
        SettingsSnapshot snapshot = watcher.current();
        if (!snapshot.ok()) {
            throw new EngineException(snapshot.problem().getMessage(), snapshot.problem());
        }
        Settings settings = snapshot.settings();
        byte[] bytes = snapshot.bytes();
        List<String> operatorLines;
        try {
            // Before the binary: a refused line stops the start before the bundled tor is extracted.
            operatorLines = operatorLines(settings, options);
        } catch (ValidationException e) {
            throw new EngineException(e.getMessage(), e);
        }
        AttachSettings attach = EngineAttach.chosen(options, settings.tor());
        TorLocator.Selection selection = attach != null ? new TorLocator.Selection(EngineAttach.placeholder(), false)
                : select(options, settings.tor(), launcher);
        TorBinary binary = selection.tor();
        Wanted wanted = Wanted.of(settings, folders, binary);
        int fixedSocks = settings.tor().fixedSocksPort();
        // Only a tor the panel launches listens there (an attached tor has its own ports, a single onion none).
        if (fixedSocks > 0 && attach == null && !settings.tor().singleOnion() && !FixedSocksPort.isFree(fixedSocks)) {
            throw new EngineException(FixedSocksPort.takenAtStart(fixedSocks));
        }
        // A single onion service cannot wait: tor refuses its non-anonymous mode without a service at start.
        boolean deferServices = attach == null && !settings.tor().singleOnion();
        String torrc = Torrc.render(paths, operatorLines, deferServices ? List.of() : wanted.services(), fixedSocks,
                settings.tor().singleOnion());
        if (deferServices) {
            torrc += "# The onion services are added over the control port once tor has bootstrapped, and written here then.\n";
            if (!wanted.services().isEmpty()) {
                // tor counts its services as activity, but has none until bootstrap: after a day with no service
                // and no client traffic it ends a run dormant and would start the next one dormant, never to
                // bootstrap. This start is the operator's: services are wanted.
                torrc += "DormantCanceledByStartup 1\n";
            }
        }
        return new LaunchPlan(settings, bytes, attach, binary, selection.unsupportedAllowed(), wanted, deferServices, torrc);
    }

    /**
     * The settings' extra torrc lines (validated), this run's --torrc-append lines, then the connection's bridges,
     * transports and proxy (validated; the transport binaries are found or extracted here, before tor starts).
     */
    static List<String> operatorLines(Settings settings, EngineOptions options) {
        List<String> lines = new ArrayList<>(TorrcLines.fromSettings(settings.tor()));
        lines.addAll(options.extraTorrcLines());
        lines.addAll(ConnectionSetup.torrcLines(settings.tor().connection(), options.dataDir()));
        return lines;
    }

    private static TorLocator.Selection select(EngineOptions options, TorSettings torSettings, TorLauncher launcher)
            throws EngineException {
        try {
            return launcher.select(options.dataDir(), options.torOverride(), torSettings.binary(),
                    options.allowUnsupportedTor() || torSettings.allowUnsupported());
        } catch (TorException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }
}
