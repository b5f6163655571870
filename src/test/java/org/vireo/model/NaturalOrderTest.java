package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersInNamesSortByValueAndCaseIsIgnored() {
        List<String> names = new ArrayList<>(List.of("vm10", "VM3", "vm2", "db-primary", "vm1", "vm02b", "vm02a",
            "web99999999999999999999", "web100000000000000000000", "Alpha", "beta"));
        Collections.shuffle(names, new java.util.Random(7));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("Alpha", "beta", "db-primary", "vm1", "vm2", "vm02a", "vm02b", "VM3", "vm10",
            "web99999999999999999999", "web100000000000000000000"), names);
    }

    @Test
    void consistentWithEqualsForDifferentSpellings() {
        assertEquals(0, NaturalOrder.INSTANCE.compare("vm7", "vm7"));
        // different strings never compare equal (a sorted list must not merge them)
        assertNotEquals(0, NaturalOrder.INSTANCE.compare("vm7", "vm007"));
        assertNotEquals(0, NaturalOrder.INSTANCE.compare("VM", "vm"));
    }

    @Test
    void nullsComeFirstInsteadOfThrowing() {
        // a table's comparator is handed null for a row whose cell it cannot read
        List<String> names = new ArrayList<>(java.util.Arrays.asList("vm2", null, "vm1"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(java.util.Arrays.asList(null, "vm1", "vm2"), names);
    }
}
