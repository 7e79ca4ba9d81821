package io.onionpanel.engine;

import io.onionpanel.tor.TorEvent;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;

/**
 * tor's events in the engine, in tor's order on the engine thread: every listener hears each one, bootstrap progress
 * becomes the tor status, descriptor uploads go to the publication watch (or to the client change that awaits
 * them), intro circuits becoming ready to the early upload, warnings to the log tail. Events of a tor that has since
 * been replaced are dropped.
 */
final class TorEventRouter implements TorLifecycle.Events {
    private final ScheduledExecutorService thread;
    private final StatusBoard board;
    private final TorLogTail tail;
    private final PublicationWatch publication;
    private final ClientChangeTracker clientChanges;
    private final EarlyUpload earlyUpload;
    private final IntSupplier generation;
    private final Runnable bootstrapped;

    TorEventRouter(ScheduledExecutorService thread, StatusBoard board, TorLogTail tail, PublicationWatch publication,
                   ClientChangeTracker clientChanges, EarlyUpload earlyUpload, IntSupplier generation, Runnable bootstrapped) {
        this.thread = thread;
        this.board = board;
        this.tail = tail;
        this.publication = publication;
        this.clientChanges = clientChanges;
        this.earlyUpload = earlyUpload;
        this.generation = generation;
        this.bootstrapped = bootstrapped;
    }

    @Override
    public void bootstrapped() {
        bootstrapped.run();
    }

    /** On jtorctl's reader thread: note tor's warnings at once (a refusal's reason), handle the event in order. */
    @Override
    public void arrived(int gen, TorEvent event) {
        tail.arrived(event);
        thread.execute(() -> handle(gen, event));
    }

    private void handle(int gen, TorEvent event) {
        if (gen != generation.getAsInt()) {
            return;
        }
        board.fire(l -> l.torEvent(event));
        if (event instanceof TorEvent.Bootstrap b) {
            board.setTorStatus(board.torStatus().withProgress(b.progress(), b.tag(), b.summary()));
            if (b.done() && board.torStatus().state() != TorStatus.State.RUNNING) {
                bootstrapped.run();
            } else if (!b.done() && board.torStatus().state() == TorStatus.State.RUNNING) {
                // tor re-reports bootstrap after using cached directory info, or after losing the network.
                board.setTorStatus(board.torStatus().with(TorStatus.State.BOOTSTRAPPING, null));
            }
        } else if (event instanceof TorEvent.HsDesc d) {
            if (d.action().equals("UPLOAD")) {
                earlyUpload.uploading(d.address());
            }
            if (clientChanges.follows(d.address())) {
                clientChanges.onUpload(d);
            } else if (d.action().equals("UPLOAD")) {
                publication.uploading(d.address(), d.hsDir());
            } else if (d.action().equals("UPLOADED")) {
                publication.uploaded(d.address(), d.hsDir());
            } else if (d.action().equals("FAILED")) {
                publication.failed(d.address(), d.hsDir());
            }
        } else if (event instanceof TorEvent.Log log) {
            tail.remember(log);
        } else if (event instanceof TorEvent.Other o && o.type().equals("CIRC_MINOR")) {
            earlyUpload.circuitChanged(o.line());
        }
    }
}
