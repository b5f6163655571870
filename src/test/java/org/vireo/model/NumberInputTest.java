package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumberInputTest {
    @Test
    void acceptsNumbersInRangeAndHexWhereAsked() {
        assertEquals(42, NumberInput.parse(" 42 ", "Speed", 0, 100, false).value());
        assertEquals(255, NumberInput.parse("0xff", "Offset", 0, Long.MAX_VALUE, true).value());
        assertEquals(1_000_000, NumberInput.parse("1_000_000", "Size", 1, Long.MAX_VALUE, false).value());
    }

    @Test
    void refusesWhatUsedToBecomeZeroWithTheReason() {
        for (String bad : new String[] {"", "abc", "12MB", "1.5", "0xff", "--1", "99999999999999999999"}) {
            NumberInput n = NumberInput.parse(bad, "Speed", 0, 100, false);
            assertFalse(n.ok(), bad);
            assertTrue(n.problem().startsWith("Speed "), n.problem());
        }
        assertEquals("Speed must be at least 0", NumberInput.parse("-5", "Speed", 0, 100, false).problem());
        assertEquals("Speed must be at most 100", NumberInput.parse("101", "Speed", 0, 100, false).problem());
        assertFalse(NumberInput.parse("0xzz", "Offset", 0, 9, true).ok());
    }
}
