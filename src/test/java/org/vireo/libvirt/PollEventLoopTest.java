package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainAction;

/**
 * libvirt's events on Vireo's own poll loop (-Dvireo.events=thread in a GUI process): they
 * arrive, in order, on the loop's thread. (Surefire runs each test class in a JVM of its
 * own, so this one registers the loop before any connection opens.)
 */
class PollEventLoopTest {
    @Test
    void lifecycleEventsArriveOnTheLoopsOwnThread() throws Exception {
        System.setProperty("vireo.events", "thread");
        VirtEventLoop.useApplicationLoop();
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        try (VirtConnection conn = VirtConnection.open("test:///default")) {
            conn.onLifecycle((uuid, name, event, detail) -> events.add(name + " " + event + " on " + Thread.currentThread().getName()));
            String uuid = conn.listAllDomains().getFirst().uuid();
            for (int i = 0; i < 3; i++) {
                conn.perform(uuid, DomainAction.PAUSE);
                assertEquals("test suspended on libvirt-event-loop", events.poll(10, TimeUnit.SECONDS));
                conn.perform(uuid, DomainAction.RESUME);
                assertEquals("test resumed on libvirt-event-loop", events.poll(10, TimeUnit.SECONDS));
            }
        }
    }
}
