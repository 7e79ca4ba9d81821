package io.onionpanel.backup;

/**
 * A rough strength hint for a backup passphrase. A single string is rated by the search space of its
 * character classes and length; a phrase of words by what guessing it word by word costs: each word counts
 * as one pick from a diceware list (7776 words, ≈ 12.9 bits), however many letters it has. The lower of the
 * two counts. It is a hint to steer the operator, not a guarantee.
 */
public record PassphraseStrength(int bits, String verdict) {
    /** log2(7776): one word from a diceware list; common English words are fewer still (≈ 11 bits for 2000). */
    static final double BITS_PER_WORD = Math.log(7776) / Math.log(2);

    public static PassphraseStrength of(char[] passphrase) {
        if (passphrase.length == 0) {
            return new PassphraseStrength(0, "empty");
        }
        int bits = (int) Math.floor(Math.min(characterBits(passphrase, 0, passphrase.length), wordBits(passphrase)));
        String verdict = passphrase.length < Backups.MIN_PASSPHRASE_LENGTH ? "too short (at least "
                + Backups.MIN_PASSPHRASE_LENGTH + " characters)"
                : bits < 50 ? "weak" : bits < 80 ? "fair" : "strong";
        return new PassphraseStrength(bits, verdict);
    }

    /** Length × log2(alphabet) of the character classes used between {@code from} and {@code to}. */
    private static double characterBits(char[] p, int from, int to) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = from; i < to; i++) {
            char c = p[i];
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
        return (to - from) * Math.log(alphabet) / Math.log(2);
    }

    /**
     * Split at spaces and the usual separators: a run of letters is one word (capitalised: one bit more), any
     * other run is rated by its characters. Without separators the phrase is one run, rated by its characters.
     */
    private static double wordBits(char[] p) {
        double bits = 0;
        int start = -1;
        for (int i = 0; i <= p.length; i++) {
            boolean separator = i == p.length || isSeparator(p[i]);
            if (!separator && start < 0) {
                start = i;
            } else if (separator && start >= 0) {
                bits += runBits(p, start, i);
                start = -1;
            }
        }
        return bits;
    }

    private static double runBits(char[] p, int from, int to) {
        boolean letters = true;
        for (int i = from; i < to; i++) {
            letters &= Character.isLetter(p[i]);
        }
        double characters = characterBits(p, from, to);
        if (!letters) {
            return characters;
        }
        double word = BITS_PER_WORD + (Character.isUpperCase(p[from]) ? 1 : 0);
        return Math.min(characters, word);
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || c == '-' || c == '_' || c == '.' || c == ',' || c == '+';
    }

    public boolean acceptable() {
        return !verdict.startsWith("too short") && !verdict.equals("empty");
    }

    public String describe() {
        return "Strength: " + verdict + (bits > 0 ? " (≈ " + bits + " bits)" : "");
    }
}
