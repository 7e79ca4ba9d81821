package io.onionpanel.backup;

/**
 * scrypt cost parameters, stored in each encrypted backup's header so they can be raised later without
 * breaking old files. Memory use is {@code 128·N·r} bytes (128 MiB for the default).
 *
 * @param log2N CPU/memory cost as a power of two (N = 2^log2N)
 * @param r     block size
 * @param p     parallelism
 */
public record ScryptParams(int log2N, int r, int p) {
    /** N = 2^17, r = 8, p = 1: about a second of one core and 128 MiB per export or import. */
    public static final ScryptParams DEFAULT = new ScryptParams(17, 8, 1);
    /** The most memory a backup may ask for; a larger header is refused before any work is done. */
    static final long MAX_MEMORY_BYTES = 512L * 1024 * 1024;

    public ScryptParams {
        if (log2N < 10 || log2N > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
            throw new BackupException("Unsupported scrypt parameters (N=2^" + log2N + ", r=" + r + ", p=" + p
                    + "); the backup header may be damaged");
        }
        if (128L * (1L << log2N) * r > MAX_MEMORY_BYTES) {
            throw new BackupException("The backup asks for more than " + (MAX_MEMORY_BYTES >> 20)
                    + " MiB for its key derivation (N=2^" + log2N + ", r=" + r + "); the header may be damaged");
        }
    }

    public int n() {
        return 1 << log2N;
    }

    public long memoryBytes() {
        return 128L * n() * r;
    }

    @Override
    public String toString() {
        return "scrypt N=2^" + log2N + " r=" + r + " p=" + p;
    }
}
