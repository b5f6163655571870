package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainTagsTest {
    @Test
    void readsTheElementAsLibvirtReturnsItWithOrWithoutAPrefix() {
        assertEquals(List.of("db", "prod"), DomainTags.parse(
            "<vireo:tags xmlns:vireo=\"https://vireo.org/xmlns/tags/1\"><vireo:tag>db</vireo:tag><vireo:tag>prod</vireo:tag></vireo:tags>"));
        assertEquals(List.of("a&b"), DomainTags.parse("<tags xmlns=\"https://vireo.org/xmlns/tags/1\">\n  <tag> a&amp;b </tag>\n</tags>"));
        assertEquals(List.of(), DomainTags.parse(""));
    }

    @Test
    void writesEscapedTagsOnceEachAndNothingForNone() {
        assertEquals("<tags><tag>db</tag><tag>&lt;x&gt;</tag></tags>", DomainTags.toXml(List.of("db", " <x> ", "db", "")));
        assertEquals("", DomainTags.toXml(List.of(" ")));
        assertEquals(List.of("db", "<x>"), DomainTags.parse(DomainTags.toXml(List.of("db", "<x>"))));
    }

    @Test
    void textSplitsOnCommasAndSpacesAndAddingKeepsOrder() {
        assertEquals(List.of("db", "prod", "web"), DomainTags.fromText(" db, prod  web,,db"));
        assertEquals(List.of("db", "prod", "nightly"), DomainTags.with(List.of("db", "prod"), List.of("prod", "nightly")));
    }
}
