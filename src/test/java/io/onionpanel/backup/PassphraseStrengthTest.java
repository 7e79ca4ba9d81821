package io.onionpanel.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PassphraseStrengthTest {
    @Test
    void gradesByLengthAndCharacterClasses() {
        assertEquals("empty", PassphraseStrength.of(new char[0]).verdict());
        assertFalse(PassphraseStrength.of("abc".toCharArray()).acceptable());
        assertTrue(PassphraseStrength.of("abc".toCharArray()).verdict().startsWith("too short"));
        assertEquals("weak", PassphraseStrength.of("abcdefgh".toCharArray()).verdict());        // 8 × log2(26) ≈ 37
        assertEquals("fair", PassphraseStrength.of("abcdEFGH1234".toCharArray()).verdict());    // 12 × log2(62) ≈ 71
        assertEquals("strong", PassphraseStrength.of("k7#Qv9!xLp2@Zr4w".toCharArray()).verdict()); // 16 × log2(95) ≈ 105
        assertTrue(PassphraseStrength.of("abcdefgh".toCharArray()).acceptable());
    }

    @Test
    void wordsCountAsDicewarePicksNotAsLetters() {
        PassphraseStrength xkcd = PassphraseStrength.of("correct horse battery staple 42".toCharArray());
        assertEquals("fair", xkcd.verdict(), xkcd.describe());             // 4 × 12.9 + 6.6 ≈ 58, not 189
        assertEquals(58, xkcd.bits());
        assertEquals("weak", PassphraseStrength.of("correct horse battery".toCharArray()).verdict()); // ≈ 38
        assertEquals("fair", PassphraseStrength.of("correct-horse-battery-staple-orbit".toCharArray()).verdict()); // ≈ 64
        assertEquals("strong", PassphraseStrength.of("correct horse battery staple orbit lemon trophy".toCharArray()).verdict()); // ≈ 90
        // A word shorter than a diceware pick counts by its letters.
        assertEquals(PassphraseStrength.of("a b c d e f g h".toCharArray()).bits(), (int) Math.floor(8 * Math.log(26) / Math.log(2)));
        assertTrue(PassphraseStrength.of("abcdefgh".toCharArray()).acceptable());
    }
}
