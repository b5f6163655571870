package org.vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vireo.libvirt.DomainRef;
import org.vireo.libvirt.VirtConnection;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.TwoHostLab;

/**
 * Time from "connect" to "domains listed" for a remote host of the two-host lab: Vireo's own
 * SSH session (a fresh session each run: handshake, auth, channel, libvirt open, list) next to
 * {@code virsh -c qemu+ssh://... list --all} (a fresh process each run).
 * Run: src/scripts/bench-remote (starts the lab) or, with VIREO_TWOHOST_FACTS set,
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.vireo.bench.RemoteConnectBench}.
 */
public final class RemoteConnectBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String host = args.length > 1 ? args[1] : "A";
        Path home = Files.createTempDirectory("vireo-bench");
        String ip = TwoHostLab.ip(host);
        String uri = "qemu+ssh://root@" + ip + "/system";
        List<Double> vireo = new ArrayList<>();
        double first = -1;
        for (int i = 0; i <= runs; i++) {
            SshSessions sessions = new SshSessions(TwoHostLab.sshHome(home, null,
                "Host " + ip + "\n  IdentityFile " + TwoHostLab.key()), SshPrompter.NONE);
            long t0 = System.nanoTime();
            int n;
            try (VirtConnection c = new SshConnector(sessions).open(uri)) {
                List<DomainRef> doms = c.listAllDomains();
                n = doms.size();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            sessions.closeAll();
            if (n != TwoHostLab.guests(host).size()) {
                throw new AssertionError("listed " + n + " domains");
            }
            if (i == 0) {
                first = ms;   // the JVM's first run: class loading, crypto init
            } else {
                vireo.add(ms);
            }
        }
        List<Double> virsh = new ArrayList<>();
        String virshUri = uri + "?keyfile=" + TwoHostLab.key() + "&no_verify=1";
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("virsh", "-q", "-c", virshUri, "list", "--all").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("virsh failed: " + out);
            }
            virsh.add((System.nanoTime() - t0) / 1e6);
        }
        System.out.printf("remote connect -> domains listed, host%s (%s), %d runs each%n", host, ip, runs);
        System.out.printf("  Vireo SSH connector : %s (first run in a cold JVM: %.0f ms)%n", stats(vireo), first);
        System.out.printf("  virsh qemu+ssh      : %s%n", stats(virsh));
    }

    private static String stats(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("min %.0f ms, median %.0f ms, max %.0f ms", s.getFirst(), s.get(s.size() / 2), s.getLast());
    }
}
