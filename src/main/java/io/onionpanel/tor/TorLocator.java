package io.onionpanel.tor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the tor a launch uses. An operator's choice (a run's {@code --tor}, then Settings) wins; otherwise the
 * newest supported tor among the bundled one (Windows, macOS), the system's (PATH and the usual folders: on Linux
 * the distribution's package) and Tor Browser's. A tor older than {@link TorSupport#MINIMUM} is refused with the
 * reason and the fix unless the operator allowed it for a private network; there is no silent fallback to an
 * older tor.
 */
public final class TorLocator {
    /** Where a tor may be, and what it is if it is there. */
    public record Candidate(Path path, TorOrigin origin) {
    }

    /** Finds the bundled tor, extracting it into the data folder first; empty where this build ships none. */
    @FunctionalInterface
    public interface BundledSource {
        Optional<Path> locate() throws TorException;
    }

    /** What a launch runs, and whether it runs only because the operator allowed an unsupported tor. */
    public record Selection(TorBinary tor, boolean unsupportedAllowed) {
    }

    private final ProbeCache cache;
    private final BundledSource bundled;
    private final List<Candidate> wellKnown;

    TorLocator(Path dataDir, BundledSource bundled, List<Candidate> wellKnown) {
        this.cache = new ProbeCache(dataDir);
        this.bundled = bundled;
        this.wellKnown = List.copyOf(wellKnown);
    }

    /** The locator of this machine, for the panel whose data folder is {@code dataDir}. */
    public static TorLocator forDataDir(Path dataDir) {
        BundledSource bundled = () -> BundledTor.isAvailable() ? Optional.of(BundledTor.extract(dataDir)) : Optional.empty();
        return new TorLocator(dataDir, bundled, TorPlaces.onThisMachine());
    }

    /**
     * The tor to launch: {@code override} (a run's --tor), else {@code configured} (Settings), else the newest
     * supported one found. Throws {@link UnsupportedTorException} for a tor below the minimum unless
     * {@code allowUnsupported}, and {@link TorException} when no usable tor is found at all.
     */
    public Selection select(Path override, String configured, boolean allowUnsupported) throws TorException {
        Path chosen = override != null ? override : configured != null ? Path.of(configured) : null;
        TorBinary tor = chosen != null ? probe(new Candidate(chosen.toAbsolutePath().normalize(), TorOrigin.CHOSEN))
                : automatic(allowUnsupported);
        boolean supported = TorSupport.supported(tor);
        if (!supported && !allowUnsupported) {
            throw new UnsupportedTorException(TorSupport.refusal(tor).orElseThrow());
        }
        cache.save(); // only once a tor is accepted: a refused start writes nothing
        return new Selection(tor, !supported);
    }

    /** Every usable tor found on this machine (not the operator's choice), newest first. */
    public List<TorBinary> found() {
        List<TorBinary> found = new ArrayList<>(probeAll(new LinkedHashMap<>()));
        found.sort((a, b) -> compareVersions(b, a));
        cache.save();
        return found;
    }

    private TorBinary automatic(boolean allowUnsupported) throws TorException {
        Map<Path, String> problems = new LinkedHashMap<>();
        List<TorBinary> found = probeAll(problems);
        Optional<TorBinary> best = newest(found.stream().filter(TorSupport::supported).toList());
        if (best.isPresent()) {
            return best.get();
        }
        if (found.isEmpty()) {
            throw new TorException("No tor found (looked in PATH and " + places() + (problems.isEmpty() ? ""
                    : "; unusable: " + problems) + "). " + TorSupport.fix());
        }
        TorBinary newestFound = newest(found).orElseThrow();
        if (allowUnsupported) {
            return newestFound;
        }
        List<String> seen = found.stream().map(t -> t.origin().label() + " tor " + t.version() + " at " + t.path()).toList();
        throw new UnsupportedTorException("No supported tor found: only " + String.join(", ", seen) + ". "
                + TorSupport.refusal(newestFound).orElseThrow());
    }

    private List<TorBinary> probeAll(Map<Path, String> problems) {
        List<Candidate> candidates = new ArrayList<>();
        try {
            bundled.locate().ifPresent(p -> candidates.add(new Candidate(p, TorOrigin.BUNDLED)));
        } catch (TorException e) {
            problems.put(Path.of("bundled"), e.getMessage());
        }
        candidates.addAll(wellKnown);
        List<TorBinary> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!Files.isRegularFile(c.path()) || !seen.add(realPath(c.path()))) {
                continue; // absent, or the same file under another name (/usr/sbin/tor → /usr/bin/tor)
            }
            try {
                found.add(probe(c));
            } catch (TorException e) {
                problems.put(c.path(), e.getMessage());
            }
        }
        return found;
    }

    private TorBinary probe(Candidate c) throws TorException {
        Optional<TorBinary> known = Files.isExecutable(c.path()) ? cache.read(c.path(), c.origin()) : Optional.empty();
        if (known.isPresent()) {
            return known.get();
        }
        TorBinary probed = TorBinary.probe(c.path(), c.origin());
        cache.remember(probed);
        return probed;
    }

    /** The newest by version; on a tie the first found (bundled, then system, then Tor Browser's). */
    private static Optional<TorBinary> newest(List<TorBinary> tors) {
        TorBinary best = null;
        for (TorBinary t : tors) {
            if (best == null || compareVersions(t, best) > 0) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int compareVersions(TorBinary a, TorBinary b) {
        Optional<TorVersion> va = a.parsedVersion();
        Optional<TorVersion> vb = b.parsedVersion();
        if (va.isEmpty() || vb.isEmpty()) {
            return Boolean.compare(va.isPresent(), vb.isPresent());
        }
        return va.get().compareTo(vb.get());
    }

    private String places() {
        Set<String> dirs = new java.util.LinkedHashSet<>();
        wellKnown.stream().filter(c -> c.origin() == TorOrigin.SYSTEM).forEach(c -> dirs.add(c.path().toString()));
        wellKnown.stream().filter(c -> c.origin() == TorOrigin.TOR_BROWSER).findFirst()
                .ifPresent(c -> dirs.add("Tor Browser's usual folders"));
        return dirs.isEmpty() ? "the usual folders" : String.join(", ", dirs);
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
