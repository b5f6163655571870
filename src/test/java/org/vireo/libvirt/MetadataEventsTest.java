package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainTags;

/**
 * libvirt's metadata change event through our own registration (MetadataEvents), on the
 * test driver: it emits the event too (libvirt 9.0's testDomainSetMetadata), so a write of
 * Vireo's tags element arrives with the domain's UUID, the element type and the namespace.
 * The lab's libvirtd with a change made by virsh: FleetTagEventLabTest.
 */
class MetadataEventsTest {
    private VirtConnection conn;

    @BeforeEach
    void open() throws VirtException {
        conn = VirtConnection.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void aTagWriteArrivesAsAMetadataChangeEventAndNoneAfterClose() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(16);
        conn.onMetadataChange((uuid, type, ns) -> events.add(uuid + " " + type + " " + ns));
        String uuid = conn.listAllDomains().getFirst().uuid();
        new OverviewApi(conn).setTags(uuid, List.of("evented"));
        assertEquals(uuid + " " + MetadataHandler.ELEMENT + " " + DomainTags.NAMESPACE, events.poll(10, TimeUnit.SECONDS));
        new OverviewApi(conn).setTags(uuid, List.of());
        assertEquals(uuid + " " + MetadataHandler.ELEMENT + " " + DomainTags.NAMESPACE, events.poll(10, TimeUnit.SECONDS));

        // a second connection's registration is its own; after its close it hears nothing more
        BlockingQueue<String> other = new ArrayBlockingQueue<>(16);
        VirtConnection second = VirtConnection.open("test:///default");
        second.onMetadataChange((u, type, ns) -> other.add(u));
        second.close();
        new OverviewApi(conn).setTags(uuid, List.of("again"));
        assertEquals(uuid + " " + MetadataHandler.ELEMENT + " " + DomainTags.NAMESPACE, events.poll(10, TimeUnit.SECONDS));
        assertNull(other.poll(1, TimeUnit.SECONDS), "no event after the connection closed");
        new OverviewApi(conn).setTags(uuid, List.of());
    }
}
