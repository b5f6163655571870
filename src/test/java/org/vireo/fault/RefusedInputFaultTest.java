package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vireo.host.CreateVmService;
import org.vireo.host.DomainService;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.host.MigrationService;
import org.vireo.host.NetworkService;
import org.vireo.host.StorageService;
import org.vireo.job.Job;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainNames;
import org.vireo.model.DomainSummary;
import org.vireo.model.DomainTags;
import org.vireo.model.DomainXml;
import org.vireo.model.GuestCredentials;
import org.vireo.model.HostPath;
import org.vireo.model.MigrationOptions;
import org.vireo.model.NetworkInfo;
import org.vireo.model.NetworkSpec;
import org.vireo.model.PoolInfo;
import org.vireo.model.PoolSpec;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;
import org.vireo.support.Await;

/**
 * The service layer refuses what the dialogs refuse, with the same message, and libvirt is
 * untouched: a sample of MalformedInputFaultTest's and MalformedSpecFaultTest's values of each
 * kind is sent straight to the services the dialogs call (DomainService, StorageService,
 * NetworkService, CreateVmService, MigrationService) on libvirt's test driver; each call fails
 * with the check's message, and the host's networks, pools, volumes, domains, their XML
 * (metadata included) and snapshots are the same after as before. XML's special characters,
 * which the checks let through, are written and read back intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputFaultTest {
    private static final String URI = "test:///default";
    private static final String POOL = "default-pool";
    private HostSession session;
    private DomainService domains;
    private StorageService storage;
    private NetworkService networks;
    private CreateVmService create;
    private MigrationService migration;
    private Jobs jobs;
    private String uuid;
    private Path uploadFile;

    @BeforeAll
    void connect() throws Exception {
        session = new HostSession(URI, HostOptions.defaults(), s -> { });
        session.start();
        Await.until(Duration.ofSeconds(10), "connected", () -> session.current().state() == ConnectionState.CONNECTED
            && !session.current().domains().isEmpty());
        jobs = new Jobs();
        domains = new DomainService(session, jobs);
        storage = new StorageService(session, jobs);
        networks = new NetworkService(session);
        create = new CreateVmService(session, jobs);
        migration = new MigrationService(jobs);
        uuid = session.current().domains().getFirst().uuid();
        uploadFile = Files.createTempFile("vireo-refused", ".img");
        Files.write(uploadFile, new byte[4096]);
    }

    @AfterAll
    void disconnect() throws Exception {
        if (session != null) {
            session.stop();
        }
        if (uploadFile != null) {
            Files.deleteIfExists(uploadFile);
        }
    }

    private record Case(String kind, String value, Supplier<CompletableFuture<?>> call, String expected) {
        @Override
        public String toString() {
            return kind + " " + MalformedSpecFaultTest.show(value);
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private void add(String kind, String value, Supplier<CompletableFuture<?>> call, String expected) {
        cases.add(new Case(kind, value, call, expected));
    }

    private static CompletableFuture<?> of(Job job) {
        return job.done();
    }

    private static CompletableFuture<?> thrown(Supplier<?> call) {
        try {
            Object o = call.get();
            return o instanceof Job j ? j.done() : CompletableFuture.completedFuture(o);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    Stream<Arguments> refused() {
        cases.clear();
        List<String> used = List.of("default");
        for (String n : List.of("", "a b", "<x>", "a&b", "$(id)", "../etc", "\u202eevil", "x".repeat(10_000), "default")) {
            NetworkSpec spec = new NetworkSpec(n, true, "10.201.7.0/24", "", "");
            add("network name", n, () -> networks.create(spec, false, false), String.join(" ", spec.problems(used)));
        }
        for (String c : List.of("10.0.0.0", "10.0.0.0/33", "010.0.0.0/24", "127.0.0.0/8", "224.0.0.0/24", "10.0.0.0/24' a='", "fd00::/64")) {
            NetworkSpec spec = new NetworkSpec("n1", true, c, "", "");
            add("network IPv4 network", c, () -> networks.create(spec, false, false), String.join(" ", spec.problems(used)));
        }
        for (String[] r : List.of(new String[] {"10.201.8.2", "10.201.8.254"}, new String[] {"10.201.7.200", "10.201.7.100"},
            new String[] {"١٠.201.7.2", "10.201.7.9"}, new String[] {"10.201.7.2", "10.201.7.254'/><x a='"})) {
            NetworkSpec spec = new NetworkSpec("n1", true, "10.201.7.0/24", r[0], r[1]);
            add("network DHCP range", r[0] + " - " + r[1], () -> networks.create(spec, false, false), String.join(" ", spec.problems(used)));
        }
        for (String n : List.of("", "a b", "<x>", "a/b", "\u202eevil", "x".repeat(10_000), POOL)) {
            PoolSpec spec = new PoolSpec(n, "/var/lib/vireo-refused/p");
            add("pool name", n, () -> storage.createDirPool(spec, false), String.join(" ", spec.problems(List.of(POOL))));
        }
        for (String p : List.of("", "relative/dir", "/var/lib/../../etc", "/var/lib/a\nb", "/var/./lib", "/" + "x".repeat(5000))) {
            PoolSpec spec = new PoolSpec("p1", p);
            add("pool directory", p, () -> storage.createDirPool(spec, false), String.join(" ", spec.problems(List.of(POOL))));
        }
        for (String n : List.of("", "a/b", "..", ".hidden", "a\u0000b", "\u202eevil.qcow2", "x".repeat(256))) {
            VolumeSpec spec = new VolumeSpec(n, 1L << 20, "qcow2", "", "");
            add("volume name", n, () -> storage.createVolume(POOL, spec), String.join(" ", spec.problems(List.of())));
            VolumeSpec raw = new VolumeSpec(n, 4096, "raw", "", "");
            add("upload volume name", n, () -> of(storage.upload(uploadFile, POOL, n)), String.join(" ", raw.problems(List.of())));
        }
        for (long size : List.of(0L, -1L, Long.MIN_VALUE)) {
            VolumeSpec spec = new VolumeSpec("v1", size, "qcow2", "", "");
            add("volume size", Long.toString(size), () -> storage.createVolume(POOL, spec), String.join(" ", spec.problems(List.of())));
            add("resize size", Long.toString(size), () -> storage.resizeVolume(POOL, "v0", size, true), "Size: must be more than 0.");
        }
        for (String t : List.of("a\u0001b", "\u202eevil", "a\u200bb", "a,b", "x".repeat(65), "x".repeat(10_000))) {
            add("tag", t, () -> domains.setTags(uuid, List.of("ok", t)), DomainTags.problem(List.of("ok", t)).orElseThrow());
        }
        for (String t : List.of("a\nb", "a\u0000b", "\u202eevil", "x".repeat(201), "x".repeat(10_000))) {
            add("title", t, () -> domains.setMetadata(uuid, "title", t, Affect.CURRENT), DomainLabels.titleProblem(t).orElseThrow());
        }
        for (String t : List.of("a\u0001b", "a\u001bb", "\u202eevil", "x".repeat(10_000))) {
            add("description", t, () -> domains.setMetadata(uuid, "description", t, Affect.CURRENT), DomainLabels.descriptionProblem(t).orElseThrow());
        }
        for (String n : List.of("..", ".", "a/b", "a\nb", "x".repeat(201))) {
            SnapshotPlan plan = new SnapshotPlan(n, "", SnapshotPlan.Kind.INTERNAL, List.of(), false);
            add("snapshot name", n, () -> domains.createSnapshot(uuid, plan), DomainNames.snapshotProblem(n).orElseThrow());
        }
        for (String d : List.of("a\u0001b", "\u202eevil", "x".repeat(10_000))) {
            SnapshotPlan plan = new SnapshotPlan("s1", d, SnapshotPlan.Kind.INTERNAL, List.of(), false);
            add("snapshot description", d, () -> domains.createSnapshot(uuid, plan), DomainLabels.descriptionProblem(d).orElseThrow());
        }
        for (String p : List.of("", "vm.save", "/tmp/vm.save", "/dev/shm/vm.save", "/var/lib/../../etc/x", "/var/lib/a\nb", "/var/lib/")) {
            String why = HostPath.problem(p, "the guest's memory").orElseThrow();
            add("save path", p, () -> domains.save(uuid, p, Set.of()), why);
            add("core dump path", p, () -> domains.coreDump(uuid, p, Set.of(DomainFlags.Dump.MEMORY_ONLY)), why);
            add("restore path", p, () -> domains.restore(p, Set.of()), why);
        }
        add("send key", "(none)", () -> domains.sendKey(uuid, "linux", 0, new int[0]), "Send key: 1 to 16 keys at once, not 0.");
        add("send key", "17 keys", () -> domains.sendKey(uuid, "linux", 0, new int[17]), "Send key: 1 to 16 keys at once, not 17.");
        add("send key", "70000", () -> domains.sendKey(uuid, "linux", 0, new int[] {29, 70000}), "Send key: key code 70000 is not 0 to 65535.");
        add("send key", "-1", () -> domains.sendKey(uuid, "linux", 0, new int[] {-1}), "Send key: key code -1 is not 0 to 65535.");
        for (String u : List.of("", "root:x", "a\nroot", "-r", "x".repeat(33))) {
            add("guest user", u, () -> domains.setUserPassword(uuid, u, "secret"), GuestCredentials.problem(u, "secret").orElseThrow());
        }
        for (String p : List.of("", "a\nroot:x", "a\u0000b", "x".repeat(1025))) {
            add("guest password", p.replace("\n", "\\n"), () -> domains.setUserPassword(uuid, "root", p),
                GuestCredentials.problem("root", p).orElseThrow());
        }
        for (String x : List.of("", "<domain>", "<network><name>n</name></network>", "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>")) {
            add("domain XML", x, () -> domains.define(x), DomainXml.definitionProblem(x).orElseThrow());
        }
        for (String n : List.of("", "a b", "<x>", "a/b", "$(id)", "\u202eevil", "x".repeat(300))) {
            add("clone name", n, () -> of(create.cloneDomain(uuid, "test", n)), DomainNames.domainProblem(n, "the guest").orElseThrow());
        }
        MigrationOptions live = MigrationOptions.defaults(true);
        for (MigrationOptions o : List.of(live.withDestinationName("a b"), live.withDestinationName("x".repeat(300)),
            live.withDestinationName("a\nb"), live.withMigrationAddress("tcp://h:65536"), live.withMigrationAddress("$(id)"),
            live.withMode(MigrationOptions.Mode.PEER_TO_PEER).withPeerUri("kvm:///system"),
            live.withMode(MigrationOptions.Mode.PEER_TO_PEER).withPeerUri("qemu+ssh://h/root"))) {
            String shown = o.destinationName() + o.migrationAddress() + o.peerUri();
            add("migration", shown, () -> thrown(() -> migration.migrate(session, session, uuid, "test", o)), String.join(" ", o.fieldProblems()));
        }
        return cases.stream().map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void theServiceRefusesWithTheDialogsMessageAndLibvirtIsUntouched(Case c) throws Exception {
        assertFalse(c.expected().isBlank(), c + ": the check refuses it");
        Map<String, String> before = host();
        CompletableFuture<?> call = c.call().get();
        Throwable why = failure(call);
        assertTrue(why instanceof IllegalArgumentException, c + ": refused as bad input, not " + why);
        assertEquals(c.expected(), why.getMessage(), c.toString());
        assertEquals(before, host(), c + ": libvirt untouched");
    }

    @Test
    void thereAreTensOfKindsAndCases() {
        long n = refused().count();
        long kinds = cases.stream().map(Case::kind).distinct().count();
        System.out.printf("[figure] refused inputs sent to the services: %d in %d kinds%n", n, kinds);
        assertTrue(n >= 100 && kinds >= 20, n + " in " + kinds);
    }

    @Test
    void xmlsSpecialCharactersInTagsTitleAndDescriptionRoundTripIntact() throws Exception {
        List<String> tags = List.of("<x>", "a&b", "a'b\"c", "]]>", "&lt;", "名前🦜", "$(id)");
        String title = "<b>Web</b> & 'db' \"primary\" ]]>";
        String description = "line 1 <x/> & &amp;\n\tline 2 'q' \"d\" ]]> 名前";
        try {
            domains.setTags(uuid, tags).get(10, TimeUnit.SECONDS);
            domains.setMetadata(uuid, "title", title, Affect.CURRENT).get(10, TimeUnit.SECONDS);
            domains.setMetadata(uuid, "description", description, Affect.CURRENT).get(10, TimeUnit.SECONDS);
            DomainLabels back = domains.labels(List.of(uuid)).get(10, TimeUnit.SECONDS).getFirst();
            assertEquals(tags, back.tags());
            assertEquals(title, back.title());
            assertEquals(description, back.description());
            String xml = domains.xml(uuid, 0).get(10, TimeUnit.SECONDS);
            assertEquals(Optional.empty(), DomainXml.definitionProblem(xml), "the domain's XML is still well-formed");
        } finally {
            domains.setTags(uuid, List.of()).get(10, TimeUnit.SECONDS);
            domains.setMetadata(uuid, "title", "", Affect.CURRENT).get(10, TimeUnit.SECONDS);
            domains.setMetadata(uuid, "description", "", Affect.CURRENT).get(10, TimeUnit.SECONDS);
        }
    }

    private static Throwable failure(CompletableFuture<?> call) throws Exception {
        try {
            Object ok = call.get(20, TimeUnit.SECONDS);
            throw new AssertionError("accepted: " + ok);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
    }

    /** Everything a refused call could have changed on the host, as text. */
    private Map<String, String> host() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (NetworkInfo n : networks.networks().get(10, TimeUnit.SECONDS)) {
            out.put("network " + n.name(), networks.xml(n.name()).get(10, TimeUnit.SECONDS));
        }
        for (PoolInfo p : storage.pools().get(10, TimeUnit.SECONDS)) {
            out.put("pool " + p.name(), storage.poolXml(p.name()).get(10, TimeUnit.SECONDS));
            for (VolumeInfo v : storage.volumes(p.name()).get(10, TimeUnit.SECONDS)) {
                out.put("volume " + p.name() + "/" + v.name(), v.toString());
            }
        }
        session.requestRefresh();
        for (DomainSummary d : session.current().domains()) {
            out.put("domain " + d.name(), d.status().state() + "\n" + domains.xml(d.uuid(), 0).get(10, TimeUnit.SECONDS));
            out.put("snapshots " + d.name(), domains.snapshots(d.uuid()).get(10, TimeUnit.SECONDS).toString());
        }
        return out;
    }
}
