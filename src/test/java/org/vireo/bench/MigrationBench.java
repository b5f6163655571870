package org.vireo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.host.MigrationService;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainSummary;
import org.vireo.model.MigrationOptions;
import org.vireo.support.TwoHostLab;

/**
 * Live migration through Vireo's job (virDomainMigrate3, managed direct) against
 * {@code virsh migrate} with the same flags on the same guest, both directions, RUNS times
 * each; then Cancel to aborted, Vireo's job against {@code virsh domjobabort}.
 * Run: src/scripts/bench --migration [RUNS] (starts the two-host lab).
 */
public final class MigrationBench {
    private static final String GUEST = "bench-mig";
    private static final String FLAGS = "--live --persistent --undefinesource --unsafe";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TwoHostLab.removeEverywhere(GUEST);
        TwoHostLab.guest("A", GUEST, "start");
        HostSession a = session("A");
        HostSession b = session("B");
        Jobs jobs = new Jobs();
        MigrationService service = new MigrationService(jobs);
        MigrationOptions same = new MigrationOptions(MigrationOptions.Mode.DIRECT, false, true, true,
            MigrationOptions.Storage.SHARED, List.of(), 0, 0, List.of(), false, false, true, "", "", "", "");
        // the guest boots first, so both sides migrate the same settled memory
        Thread.sleep(4000);
        List<Double> vireo = new ArrayList<>();
        List<Double> virsh = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            vireo.add(viaVireo(service, a, b, same));
            vireo.add(viaVireo(service, b, a, same));
            virsh.add(viaVirsh("A", "B"));
            virsh.add(viaVirsh("B", "A"));
        }
        List<Double> cancelVireo = new ArrayList<>();
        List<Double> cancelVirsh = new ArrayList<>();
        MigrationOptions slow = new MigrationOptions(MigrationOptions.Mode.DIRECT, false, true, true,
            MigrationOptions.Storage.SHARED, List.of(), 1, 0, List.of(), false, false, true, "", "", "", "");
        for (int i = 0; i < runs; i++) {
            cancelVireo.add(cancelViaVireo(jobs, service, a, b, slow));
            cancelVirsh.add(cancelViaVirsh());
        }
        StringBuilder md = new StringBuilder();
        md.append("| what (ms) | runs | min | median | max |\n| --- | --- | --- | --- | --- |\n");
        row(md, "live migration, Vireo job (call to done)", vireo);
        row(md, "live migration, `virsh migrate " + FLAGS + "`", virsh);
        row(md, "Cancel to aborted, Vireo job", cancelVireo);
        row(md, "`virsh domjobabort` to `virsh migrate` exited", cancelVirsh);
        md.append(String.format("%nVireo / virsh, median wall time of a live migration: %.3fx%n", median(vireo) / median(virsh)));
        System.out.print(md);
        Path out = Path.of("target", "bench", "migration.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        a.stop();
        b.stop();
        TwoHostLab.removeEverywhere(GUEST);
        System.exit(0);
    }

    private static HostSession session(String h) throws InterruptedException {
        HostSession s = new HostSession(TwoHostLab.uri(h), HostOptions.defaults(), snap -> { });
        s.start();
        long end = System.nanoTime() + 20_000_000_000L;
        while (s.current().state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("host" + h + " not connected");
            }
            Thread.sleep(20);
        }
        return s;
    }

    private static String uuid(HostSession s) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (true) {
            s.requestRefresh();
            for (DomainSummary d : s.current().domains()) {
                if (d.name().equals(GUEST)) {
                    return d.uuid();
                }
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException(GUEST + " not listed on " + s.uri());
            }
            Thread.sleep(20);
        }
    }

    private static double viaVireo(MigrationService service, HostSession from, HostSession to, MigrationOptions o) throws Exception {
        String uuid = uuid(from);
        long t0 = System.nanoTime();
        Job job = service.migrate(from, to, uuid, GUEST, o);
        job.done().handle((ok, err) -> null).get(120, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (job.state() != JobState.SUCCEEDED) {
            throw new IllegalStateException("migration failed: " + job.error());
        }
        return ms;
    }

    private static double viaVirsh(String from, String to) throws Exception {
        long t0 = System.nanoTime();
        run("virsh", "-q", "-c", TwoHostLab.uri(from), "migrate", "--live", "--persistent", "--undefinesource", "--unsafe",
            GUEST, TwoHostLab.uri(to));
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double cancelViaVireo(Jobs jobs, MigrationService service, HostSession a, HostSession b, MigrationOptions slow)
        throws Exception {
        Job job = service.migrate(a, b, uuid(a), GUEST, slow);
        awaitData(() -> job.stats().dataTotal() > 0 || job.state().finished());
        long t0 = System.nanoTime();
        jobs.cancel(job);
        job.done().handle((ok, err) -> null).get(60, TimeUnit.SECONDS);
        if (job.state() != JobState.CANCELLED) {
            throw new IllegalStateException("not cancelled: " + job.state());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double cancelViaVirsh() throws Exception {
        Process p = new ProcessBuilder("virsh", "-q", "-c", TwoHostLab.uri("A"), "migrate", "--live", "--persistent",
            "--undefinesource", "--unsafe", "--bandwidth", "1", GUEST, TwoHostLab.uri("B")).redirectErrorStream(true).start();
        awaitData(() -> {
            try {
                return run("virsh", "-q", "-c", TwoHostLab.uri("A"), "domjobinfo", GUEST).contains("Data total");
            } catch (Exception e) {
                return false;
            }
        });
        long t0 = System.nanoTime();
        run("virsh", "-q", "-c", TwoHostLab.uri("A"), "domjobabort", GUEST);
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void awaitData(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no migration data figures within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void row(StringBuilder md, String what, List<Double> v) {
        md.append(String.format("| %s | %d | %.0f | %.0f | %.0f |%n", what, v.size(), Collections.min(v), median(v), Collections.max(v)));
    }
}
