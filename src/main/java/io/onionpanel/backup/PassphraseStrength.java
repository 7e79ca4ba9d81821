package io.onionpanel.backup;

/**
 * A rough strength hint for a backup passphrase: the search space of its character classes and length.
 * It is a hint to steer the operator, not a guarantee (a long dictionary phrase scores lower than it is).
 */
public record PassphraseStrength(int bits, String verdict) {
    public static PassphraseStrength of(char[] passphrase) {
        if (passphrase.length == 0) {
            return new PassphraseStrength(0, "empty");
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (char c : passphrase) {
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
        int bits = (int) Math.floor(passphrase.length * Math.log(alphabet) / Math.log(2));
        String verdict = passphrase.length < Backups.MIN_PASSPHRASE_LENGTH ? "too short (at least "
                + Backups.MIN_PASSPHRASE_LENGTH + " characters)"
                : bits < 50 ? "weak" : bits < 80 ? "fair" : "strong";
        return new PassphraseStrength(bits, verdict);
    }

    public boolean acceptable() {
        return !verdict.startsWith("too short") && !verdict.equals("empty");
    }

    public String describe() {
        return "Strength: " + verdict + (bits > 0 ? " (≈ " + bits + " bits)" : "");
    }
}
