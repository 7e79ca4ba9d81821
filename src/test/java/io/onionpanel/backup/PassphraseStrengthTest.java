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
        assertEquals("strong", PassphraseStrength.of("correct horse battery staple".toCharArray()).verdict());
        assertTrue(PassphraseStrength.of("abcdefgh".toCharArray()).acceptable());
    }
}
