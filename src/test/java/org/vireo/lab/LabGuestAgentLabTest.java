package org.vireo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.support.Lab;

/**
 * What the lab promises issue 11's tests: its guests answer the guest agent (hostname, filesystem
 * freeze / thaw / info, time, user password), and its libvirtd puts each guest in cgroups of its
 * own lab (cpu, cpuacct, cpuset, memory, blkio), not in the machine's /machine.
 */
@Tag("lab")
class LabGuestAgentLabTest {
    private static final String GUEST = Lab.BETA;

    /** Another test may have just (re)started the guest: wait until libvirt sees its agent on the channel. */
    private static void awaitAgent() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!Lab.virsh("dumpxml", GUEST).contains("name='org.qemu.guest_agent.0' state='connected'")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(GUEST + "'s guest agent never connected (state: " + Lab.state(GUEST) + ")");
            }
            org.testfx.util.WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void theGuestAgentAnswersForEveryAgentCall() {
        awaitAgent();
        assertEquals("vireo-lab-guest", Lab.virsh("domhostname", GUEST));
        String fsinfo = Lab.virsh("domfsinfo", GUEST);
        assertTrue(fsinfo.matches("(?s)\\s*/mnt\\s+vda\\s+ext4\\s+vda\\s*"), fsinfo);
        Lab.virsh("domfsfreeze", GUEST);
        try {
            assertEquals("{\"return\":\"frozen\"}", Lab.virsh("qemu-agent-command", GUEST, "{\"execute\":\"guest-fsfreeze-status\"}"));
        } finally {
            Lab.virsh("domfsthaw", GUEST); // a frozen agent refuses everything else (and the guest's writes hang)
        }
        assertEquals("{\"return\":\"thawed\"}", Lab.virsh("qemu-agent-command", GUEST, "{\"execute\":\"guest-fsfreeze-status\"}"));
        Lab.virsh("domtime", GUEST, "--time", "1700000000");
        long t = Long.parseLong(Lab.virsh("domtime", GUEST).replaceAll("\\D", ""));
        assertTrue(t >= 1_700_000_000L && t < 1_700_000_000L + 60, "guest time set: " + t);
        // back to the host's time (--sync would copy the guest's RTC, which set-time just wrote too)
        Lab.virsh("domtime", GUEST, "--time", Long.toString(System.currentTimeMillis() / 1000));
        long now = Long.parseLong(Lab.virsh("domtime", GUEST).replaceAll("\\D", ""));
        assertTrue(Math.abs(now - System.currentTimeMillis() / 1000) < 60, "guest time set back: " + now);

        String before = shadowRoot();
        Lab.virsh("set-user-password", GUEST, "root", "lab-" + System.nanoTime()); // fails (non-zero exit) when the agent cannot
        String after = shadowRoot();
        assertTrue(after.startsWith("root:$6$"), after);
        assertNotEquals(before, after);
    }

    /** root's line of the guest's /etc/shadow, read through the agent's file calls. */
    private static String shadowRoot() {
        String open = Lab.virsh("qemu-agent-command", GUEST, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"/etc/shadow\"}}");
        String handle = open.replaceAll(".*\"return\":(\\d+).*", "$1");
        try {
            String read = Lab.virsh("qemu-agent-command", GUEST,
                "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":4096}}");
            Matcher m = Pattern.compile("\"buf-b64\":\"([^\"]*)\"").matcher(read);
            assertTrue(m.find(), read);
            return new String(Base64.getDecoder().decode(m.group(1))).lines().filter(l -> l.startsWith("root:")).findFirst().orElseThrow();
        } finally {
            Lab.virsh("qemu-agent-command", GUEST, "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        }
    }

    @Test
    void eachGuestIsInTheLabsOwnCgroups() throws IOException {
        String sock = Lab.uri().replaceAll(".*socket=", "");
        Path dir = Path.of(sock.substring(0, sock.indexOf("/run/libvirt/")));
        String pid = Files.readString(dir.resolve("run/libvirt/qemu/" + GUEST + ".pid")).strip();
        String cgroups = Files.readString(Path.of("/proc", pid, "cgroup"));
        for (String c : new String[] {"cpu", "cpuacct", "cpuset", "memory", "blkio"}) {
            String line = cgroups.lines().filter(l -> l.matches("\\d+:([a-z_,=]*,)?" + c + "(,[a-z_,=]*)?:.*")).findFirst().orElseThrow();
            // seen from here (outside the lab's cgroup namespace): the lab's own group, then libvirt's machine partition
            assertTrue(line.matches(".*/vireo-lab-[0-9a-f]{12}/machine/qemu-\\d+-" + GUEST + "\\.libvirt-qemu(/emulator)?"), line);
        }
        assertFalse(Files.exists(Path.of("/sys/fs/cgroup/unified/machine/qemu-1-" + Lab.ALPHA + ".libvirt-qemu")),
            "nothing of the lab in the machine's cgroup v2 tree");
        // the setters work: libvirt writes the cgroup files
        assertTrue(Lab.virsh("schedinfo", GUEST).contains("cpu_shares"));
    }
}
