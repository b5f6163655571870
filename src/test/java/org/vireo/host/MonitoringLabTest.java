package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.ConnectionState;
import org.vireo.model.HostSnapshot;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.support.GuestShell;
import org.vireo.support.Lab;

/** The stats service against a real QEMU guest doing known disk and network work. */
@Tag("lab")
class MonitoringLabTest {
    private static final long MIB = 1024 * 1024;
    private final LinkedBlockingQueue<HostSnapshot> published = new LinkedBlockingQueue<>();
    private HostSession session;
    private VirtConnection shellConn;
    private GuestShell shell;
    private String uuid;

    @BeforeEach
    void start() throws Exception {
        session = new HostSession(Lab.uri(), HostOptions.defaults().withPollInterval(Duration.ofMillis(500)), published::add);
        session.start();
        shellConn = VirtConnection.open(Lab.uri());
        uuid = Lab.virsh("domuuid", Lab.BETA);
        shell = GuestShell.open(shellConn, uuid);
        shell.run("true", 10_000);
        awaitTicks(2);
    }

    @AfterEach
    void stop() throws Exception {
        shell.close();
        shellConn.close();
        session.stop();
    }

    /**
     * Waits for n refreshes that start after this call: snapshots queued while the guest worked
     * are dropped first, or the wait would end at once on stale ones and miss the work's last tick.
     */
    private void awaitTicks(int n) throws InterruptedException {
        published.clear();
        int seen = 0;
        long deadline = System.currentTimeMillis() + 15_000;
        while (seen < n) {
            HostSnapshot s = published.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new AssertionError("no refresh");
            }
            if (s.state() == ConnectionState.CONNECTED) {
                seen++;
            }
        }
    }

    /** Bytes moved between two times according to the rate series: the sum of rate × interval. */
    private static double integral(TimeSeries s, long fromMillis) {
        double total = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.timeAt(i) <= fromMillis) {
                continue;
            }
            float v = s.valueAt(i);
            if (!Float.isNaN(v)) {
                total += v * (s.timeAt(i) - s.timeAt(i - 1)) / 1000.0;
            }
        }
        return total;
    }

    @Test
    void writingSixteenMibShowsAboutSixteenMibWritten() throws Exception {
        long from = System.currentTimeMillis();
        shell.run("dd if=/dev/zero of=/dev/vda bs=1M count=16 conv=fsync", 60_000);
        awaitTicks(3);
        double written = integral(session.series(uuid, Metric.DISK_WRITE), from);
        System.out.printf("[figure] guest wrote 16 MiB; Vireo's write rate adds up to %.2f MiB%n", written / MIB);
        assertEquals(16.0, written / MIB, 1.6, "within 10 %");
        assertTrue(session.series(uuid, Metric.DISK_IOPS).last() >= 0);
    }

    @Test
    void readingEightMibShowsAboutEightMibRead() throws Exception {
        shell.run("echo 3 > /proc/sys/vm/drop_caches", 10_000);
        long from = System.currentTimeMillis();
        shell.run("dd if=/dev/vda of=/dev/null bs=1M count=8 iflag=direct 2>/dev/null || dd if=/dev/vda of=/dev/null bs=1M count=8", 60_000);
        awaitTicks(3);
        double read = integral(session.series(uuid, Metric.DISK_READ), from);
        System.out.printf("[figure] guest read 8 MiB; Vireo's read rate adds up to %.2f MiB%n", read / MIB);
        assertEquals(8.0, read / MIB, 0.8, "within 10 %");
    }

    @Test
    void sendingTwoMibOfPingsShowsAboutTwoMibSent() throws Exception {
        shell.run("ip link set eth0 up; ip addr add 192.168.77.2/24 dev eth0 2>/dev/null;"
            + " arp -s 192.168.77.1 02:00:00:00:00:01", 10_000);
        awaitTicks(2);
        long from = System.currentTimeMillis();
        // 2048 echo requests of 1000 data bytes: 1042 bytes each on the wire (ICMP 8 + IP 20 + Ethernet 14)
        shell.run("ping -q -c 2048 -s 1000 -i 0.001 -W 1 192.168.77.1", 120_000);
        awaitTicks(3);
        double sent = integral(session.series(uuid, Metric.NET_TX), from);
        double expected = 2048 * 1042.0;
        System.out.printf("[figure] guest sent %.2f MiB of pings; Vireo's send rate adds up to %.2f MiB%n",
            expected / MIB, sent / MIB);
        assertEquals(expected, sent, expected * 0.1, "within 10 %");
    }

    @Test
    void memoryInUseComesFromTheBalloonDriver() throws Exception {
        // the lab guests have a stats period: the figure is the guest's own, below its 128 MiB
        awaitTicks(2);
        HostSnapshot s = session.current();
        var beta = s.domains().stream().filter(d -> d.uuid().equals(uuid)).findFirst().orElseThrow();
        assertTrue(beta.memoryUsedKiB() > 0 && beta.memoryUsedKiB() < beta.memoryKiB(),
            "used " + beta.memoryUsedKiB() + " of " + beta.memoryKiB());
        assertTrue(s.figures().memTotalKiB() > 0, "host memory from virNodeGetMemoryStats");
    }
}
