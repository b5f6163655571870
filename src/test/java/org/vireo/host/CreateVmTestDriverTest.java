package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.CreateChoices;
import org.vireo.model.NetworkSource;
import org.vireo.model.VmPlatform;
import org.vireo.model.VmSpec;

/**
 * The create service on libvirt's test driver (a host of its own from a file: one pool, one
 * network, no domains): what the wizard is offered, and a PXE guest with a new disk made,
 * defined and started. Fast, no lab; the lab tests boot real guests.
 */
class CreateVmTestDriverTest {
    @TempDir
    Path tmp;
    private HostSession session;
    private CreateVmService service;
    private String uri;

    @BeforeEach
    void start() throws Exception {
        Path node = tmp.resolve("node.xml");
        Files.writeString(node, """
            <node>
              <pool type='dir'><name>pool1</name><target><path>/pool1</path></target>
                <capacity>107374182400</capacity><allocation>0</allocation><available>107374182400</available></pool>
              <network><name>net1</name><bridge name='virbr9'/><forward mode='nat'/>
                <ip address='192.168.199.1' netmask='255.255.255.0'/></network>
            </node>
            """);
        uri = "test://" + node.toAbsolutePath();
        session = new HostSession(uri, HostOptions.defaults(), s -> { });
        session.start();
        long end = System.currentTimeMillis() + 10_000;
        while (session.connection() == null && System.currentTimeMillis() < end) {
            Thread.onSpinWait();
        }
        service = new CreateVmService(session, new Jobs());
    }

    @AfterEach
    void stop() {
        session.stop();
    }

    @Test
    void offersThePoolTheNetworkAndThePlatformThenCreatesAPxeGuest() throws Exception {
        CreateChoices c = service.choices().get(10, TimeUnit.SECONDS);
        assertEquals("pool1", c.pools().getFirst().name());
        assertTrue(c.networks().contains(new NetworkSource(NetworkSource.Kind.NETWORK, "net1", true)), c.networks().toString());
        VmPlatform p = c.platforms().getFirst();
        assertEquals("test", p.domainType(), "the test driver's own domain type");

        VmSpec spec = new VmSpec("pxe1", VmSpec.Source.PXE, p.arch(), p.preferredMachine(), p.domainType(), false, "", 256, 1,
            "", "", "", "", "", "", 1L << 30, "qcow2", "pool1", c.networks().getFirst(), "");
        Job job = service.create(spec, null, null, null);
        job.done().handle((ok, err) -> null).get(10, TimeUnit.SECONDS);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        assertTrue(service.choices().get(10, TimeUnit.SECONDS).volumes().stream().anyMatch(v -> v.name().equals("pxe1.qcow2")));
        String state = session.submit(conn -> {
            for (var d : conn.listAllDomains()) {
                if (d.name().equals("pxe1")) {
                    return conn.domainState(d.uuid()).state().name();
                }
            }
            return "";
        }).get(10, TimeUnit.SECONDS);
        assertEquals("RUNNING", state);
        assertTrue(service.nameClash("pxe1").get(10, TimeUnit.SECONDS).contains("already exists"));
    }
}
