package io.onionpanel.tor;

/** Where the tor the panel runs came from: said wherever the tor is shown, so the operator knows what runs. */
public enum TorOrigin {
    /** Shipped inside the installer (Windows, macOS). */
    BUNDLED("bundled"),
    /** The operating system's package (Linux: the distribution's tor). */
    SYSTEM("system"),
    /** The tor inside an installed Tor Browser. */
    TOR_BROWSER("Tor Browser's"),
    /** A path the operator chose (Settings, {@code tor binary}, {@code run --tor}). */
    CHOSEN("chosen");

    private final String label;

    TorOrigin(String label) {
        this.label = label;
    }

    /** In words, e.g. "system" in "system tor 0.4.9.11". */
    public String label() {
        return label;
    }
}
