package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainTags;
import org.vireo.model.GuestCredentials;
import org.vireo.model.HostPath;
import org.vireo.model.KeyCodes;
import org.vireo.model.MigrationOptions;
import org.vireo.model.NetworkSpec;
import org.vireo.model.PoolSpec;
import org.vireo.model.Sizes;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotSource;
import org.vireo.model.VolumeSpec;
import org.vireo.ui.domain.SnapshotWizardViewModel;
import org.vireo.ui.ssh.AddSshHostViewModel;

/**
 * Malformed input for every other text field, through the very checks their dialogs call as
 * the user types (and the services call again, see RefusedInputFaultTest): new network (name,
 * IPv4 network, DHCP range), new pool (name, directory), new volume and upload (name, size),
 * migration (name on the destination, destination URI, migration address), Add SSH host (host,
 * port, user), tags, title, description, the snapshot wizard (name, description), host paths
 * (save, restore, core dump), Send key, and the guest agent's user and password. Each value is
 * refused with a message of its own that names the field, at once, without an exception; the
 * well-formed values beside them pass.
 */
class MalformedSpecFaultTest {
    private static final Duration AT_ONCE = Duration.ofMillis(500);
    private static final String NET = "10.201.7.0/24";

    /** What every free-text field gets: blank, invisible, control, XML, shell and path characters, long text. */
    private static final List<String> HOSTILE = List.of("", " ", "\t", "a\nb", "a\rb", "a\u0000b", "a\u0001b", "a\u007fb", "\u202eevil",
        "a\u200bb", "a\u2066b", "<x>", "a&b", "a'b", "a\"b", "<![CDATA[x]]>", "&lt;", "$(id)", "`id`", "a;rm -rf /", "a|b", "a b",
        "a/b", "../etc", "..", ".", "/", "\\", "🦜", "名前", "x".repeat(201), "x".repeat(300), "x".repeat(10_000));

    private static final SnapshotSource SOURCE = new SnapshotSource("vm", true, 1 << 20, 9_000_000, false,
        List.of(new SnapshotSource.Disk("vda", "disk", "/var/lib/libvirt/images/vm.qcow2", "qcow2", 1L << 30, 1L << 20)));

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    /** A field: its check (the messages, none when accepted), the words its messages start with or hold, the bad and good values. */
    private record Kind(Function<String, List<String>> check, String names, List<String> bad, List<String> good) {
    }

    private static void kind(String field, Function<String, List<String>> check, String names, List<String> bad, List<String> good) {
        KINDS.put(field, new Kind(check, names, List.copyOf(new LinkedHashSet<>(bad)), good));
    }

    private static List<String> opt(Optional<String> o) {
        return o.map(List::of).orElse(List.of());
    }

    private static List<String> plus(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    private static List<String> without(List<String> a, String... allowed) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(List.of(allowed));
        return out;
    }

    private static final List<String> IDENTIFIER_BAD = plus(HOSTILE, "-lead", ".lead", "_lead", "a:b", "a@b", "a,b", "a*b", "a?b", "näme",
        "a%b", "a=b", "a#b", "x".repeat(51));

    static {
        // ---- new network
        kind("network name", v -> new NetworkSpec(v, true, NET, "", "").problems(List.of("default")), "Name:",
            plus(IDENTIFIER_BAD, "default"), List.of("lab-net", "n1", "a.b_c+d", "x".repeat(50)));
        kind("network IPv4 network", v -> new NetworkSpec("n", true, v, "", "").problems(List.of()), "IPv4 network:",
            plus(HOSTILE, "10.0.0.0", "10.0.0.0/", "/24", "10.0.0/24", "10.0.0.0.0/24", "10.0.0.256/24", "256.0.0.0/24", "10.0.0.-1/24",
                "10.0.0.0/7", "10.0.0.0/31", "10.0.0.0/32", "10.0.0.0/0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/2x", "10.0.0.0/ 24",
                "10.0.0.255/24", "010.0.0.0/24", "10.00.0.0/24", "١٠.0.0.0/24", "１０.0.0.0/24", "0x0a.0.0.0/24", "10.0.0.0/0x18",
                "fd00::/64", "::1/128", "10.0.0.0/255.255.255.0", "10.0.0.0-10.0.0.255", "10.0.0.0/24/24", "10.0.0.0 /24",
                "127.0.0.0/8", "127.0.0.1/24", "0.0.0.0/8", "224.0.0.0/24", "239.1.2.0/24", "240.0.0.0/24", "255.255.255.0/24",
                "169.254.0.0/16", "10.0.0.0/24;reboot", "10.0.0.0/24<x/>", "10.0.0.0/24' a='", "a.b.c.d/24"),
            List.of(NET, "10.201.7.1/24", "192.168.100.0/24", "172.16.0.0/12", "10.0.0.0/8", "10.0.0.4/30", " 10.1.2.0/24 "));
        kind("network DHCP range", v -> {
            String[] r = v.split("\\|", -1);
            return new NetworkSpec("n", true, NET, r[0], r.length > 1 ? r[1] : "").problems(List.of());
        }, "DHCP range:", List.of("10.201.7.2|", "|10.201.7.254", "10.201.7.2|x", "x|10.201.7.254", "10.201.7.0|10.201.7.254",
            "10.201.7.2|10.201.7.255", "10.201.8.2|10.201.8.254", "10.201.6.2|10.201.7.254", "10.201.7.2|10.201.8.254", "10.201.7.200|10.201.7.100",
            "10.201.7.1|10.201.7.254", "10.201.7.254|10.201.7.2", "0.0.0.0|255.255.255.255", "10.201.7.2.|10.201.7.254",
            "10.201.7|10.201.7.254", "10.201.7.02|10.201.7.254", "10.201.7.2|10.201.7.0254", "١٠.201.7.2|10.201.7.254",
            "10.201.7.2/24|10.201.7.254", "fd00::2|fd00::ff", "10.201.7.2 10.201.7.9|10.201.7.254", "10.201.7.2|10.201.7.254'/><x a='",
            "<x>|<y>", "a\nb|c", "\u202e|x", "x".repeat(10_000) + "|" + "y".repeat(10_000), "10.201.7.2|10.201.7.256", "-1.0.0.0|10.201.7.9"),
            List.of("10.201.7.2|10.201.7.254", "10.201.7.100|10.201.7.100", " 10.201.7.2 | 10.201.7.9 ", "|"));
        // ---- new pool
        kind("pool name", v -> new PoolSpec(v, "/var/lib/libvirt/images/p").problems(List.of("default")), "Name:",
            plus(IDENTIFIER_BAD, "default"), List.of("images2", "iso", "a.b_c+d", "x".repeat(50)));
        kind("pool directory", v -> new PoolSpec("p", v).problems(List.of()), "Directory:",
            plus(without(HOSTILE, "/"), "relative/dir", "./dir", "~/images", "$HOME/images", "/var/lib/../../etc", "/var/lib/..",
                "/var/./lib", "/var/lib/.", "/var/lib/\u202eegami", "/var/lib/a\u200bb", "/var/lib/a\nb", "/var/lib/a\u0000b",
                "/" + "x".repeat(5000), "C:\\images", "file:///var/lib/images", "images"),
            List.of("/var/lib/libvirt/images/p", "/srv/vm pool", "/data/<a & 'b'>", "/home/u/名前", "/"));
        // ---- new volume, upload (the same check)
        kind("volume name", v -> new VolumeSpec(v, 1L << 30, "qcow2", "", "").problems(List.of("disk.qcow2")), "Name:",
            plus(List.of("", " ", "\t", "a\nb", "a\rb", "a\u0000b", "a\u0001b", "a\u007fb", "\u202eevil.qcow2", "a\u200bb", "a\u2066b",
                "a/b", "../etc", "..", ".", "/", "/etc/passwd", ".hidden", "x".repeat(256), "x".repeat(10_000), "名".repeat(86),
                "disk.qcow2"), "a/", "/a"),
            List.of("disk2.qcow2", "vm disk.img", "<a & 'b'>.raw", "名前.qcow2", "x".repeat(255), "$(id)", "a;b", "🦜.img"));
        kind("volume size", v -> new VolumeSpec("v", Sizes.parse(v, "GiB"), "qcow2", "", "").problems(List.of()), "Size:",
            List.of("", " ", "0", "-1", "-0.5", "0.0", "abc", "1e3", "1E-999999999", "1,5", "1 2", "١٢", "NaN", "Infinity", "∞", "0x10",
                "9999999999999999999", "99999999999", "10GiB", "10 G", "1k", "$(id)", "<1>", "\u202e1", "x".repeat(10_000)),
            List.of("1", "20", "1.5", " 8 ", "0.001"));
        // ---- migration
        kind("migration name on the destination", v -> MigrationOptions.defaults(true).withDestinationName(v).problems(true),
            "Name on the destination:", without(IDENTIFIER_BAD, "", " ", "\t", "x".repeat(51)), List.of("vm2", "db-primary.copy", "x".repeat(200)));
        kind("migration destination URI", v -> MigrationOptions.defaults(true).withMode(MigrationOptions.Mode.PEER_TO_PEER)
                .withPeerUri(v).problems(true), "URI",
            plus(without(HOSTILE, "x".repeat(201), "x".repeat(300)), "hostB", "qemu", "http://hostB/", "kvm:///system", "qemu+ssh://h/root",
                "qemu+ssh://hóst/system", "qemu+ssh://h:0/system", "qemu+ssh://h:65536/system", "qemu:///sys tem"),
            List.of("qemu+ssh://hostB/system", "qemu+tcp://10.0.0.2/system", "qemu+ssh://user@hostB:2222/system"));
        kind("migration address", v -> MigrationOptions.defaults(true).withMigrationAddress(v).problems(true), "Migration address:",
            plus(without(HOSTILE, "", " ", "\t", "x".repeat(201), "x".repeat(300), "🦜", "名前", "..", "."), "tcp://", "tcp://:49152",
                "tcp://h:0", "tcp://h:65536", "tcp://h:99999", "tcp://h:-1", "tcp://h:port", "udp://h:49152", "http://h", "h:", ":49152",
                "tcp://h/path", "tcp://h:49152?x=1", "-h", "h st", "[::1", "tcp://hóst:49152", "h.".repeat(200), "rdma://h:49152"),
            List.of("tcp://10.0.0.2:49152", "10.0.0.2", "hostB:49153", "tcp://[fd00::2]:49152", "tcp://hostB"));
        // ---- Add SSH host
        kind("SSH host", v -> opt(ssh(v, "", "root").problem()), "host",
            plus(without(HOSTILE, "x".repeat(201)), "-oProxyCommand=sh", "-evil", ".evil", "a..b", "h:22", "user@h", "h/system",
                "qemu+ssh://h/system", "[h]", "[::1", "h%eth0", "h" + "x".repeat(253)),
            List.of("labA", "10.0.0.2", "host.example.org", "[::1]", "[fd00::2]", "my_alias", "x".repeat(201)));
        kind("SSH port", v -> opt(ssh("h", v, "root").problem()), "port",
            List.of("0", "65536", "-1", "99999", "2147483648", "abc", "22a", "2 2", "0x16", "1e2", "22.0", "٢٢", "２２", "$(id)", "<22>",
                "\u202e22", "x".repeat(10_000)),
            List.of("", "22", "2222", "65535", "1", " 22 "));
        kind("SSH user", v -> opt(ssh("h", "", v).problem()), "user",
            plus(without(HOSTILE, "", " ", "\t", "..", "."), "-oProxyCommand=sh", "-evil", "a@b", "a:b", "a b", "x".repeat(33)),
            List.of("", "root", "vireo", "a.b_c-d", "_svc", "x".repeat(32)));
        // ---- tags, title, description
        kind("tag", v -> opt(DomainTags.problem(List.of(v))), "Tags:",
            List.of("a\nb", "a\rb", "a\u0000b", "a\u0001b", "a\u007fb", "\u202eevil", "a\u200bb", "a\u2066b", "a\u200eb", "\ufeffa",
                "a,b", "x".repeat(65), "x".repeat(300), "x".repeat(10_000)),
            List.of("db", "prod", "<x>", "a&b", "a'b", "a\"b", "<![CDATA[x]]>", "&lt;", "$(id)", "名前", "🦜", "x".repeat(64), ""));
        kind("title", v -> opt(DomainLabels.titleProblem(v)), "Title:",
            List.of("a\nb", "a\rb", "a\tb", "a\u0000b", "a\u0001b", "a\u007fb", "\u202eevil", "a\u2066b", "x".repeat(201), "x".repeat(10_000),
                "line\n" + "x".repeat(10)),
            List.of("", "Web server", "<x> & 'y' \"z\"", "<![CDATA[x]]>", "$(id)", "名前 🦜", "x".repeat(200)));
        kind("description", v -> opt(DomainLabels.descriptionProblem(v)), "Description:",
            List.of("a\u0000b", "a\u0001b", "a\u007fb", "a\u001bb", "\u202eevil", "a\u2066b", "a\u202ab", "x".repeat(4001), "x".repeat(10_000)),
            List.of("", "two\nlines\tand a tab", "<x> & 'y' \"z\"", "]]>", "$(id)", "名前 🦜", "x".repeat(4000)));
        // ---- snapshot wizard
        kind("snapshot name", v -> SnapshotWizardViewModel.problems(SOURCE, plan(v, ""), Set.of("before")), "Name:",
            plus(HOSTILE, "before", "x y", "a:b"),
            List.of("after", "before-upgrade", "v1.2_3+4", "x".repeat(200)));
        kind("snapshot description", v -> SnapshotWizardViewModel.problems(SOURCE, plan("s1", v), Set.of()), "Description:",
            List.of("a\u0000b", "a\u0001b", "a\u007fb", "\u202eevil", "x".repeat(10_000)),
            List.of("", "before the upgrade\nsecond line", "<x> & 'y'"));
        // ---- host paths (save, restore, core dump)
        kind("host path", v -> opt(HostPath.problem(v, "the guest's memory")), "path|file|Not in",
            plus(without(HOSTILE, "a/b"), "vm.save", "./vm.save", "~/vm.save", "/var/lib/", "/var/lib/.", "/var/lib/..", "/var/lib/../../etc/x",
                "/var//vm.save", "/var/./vm.save", "/tmp/vm.save", "/var/tmp/vm.save", "/dev/shm/vm.save", "/vm.save", "/tmp/",
                "/var/lib/a\nb", "/var/lib/\u202eevas.mv", "/var/lib/a\u200bb", "/" + "x".repeat(5000), "file:///var/vm.save", "C:\\vm.save"),
            List.of("/var/lib/libvirt/save/vm.save", "/srv/dumps/vm core.dump", "/tmp/sub/vm.save", "/home/u/<a & 'b'>.save", "/data/名前.save"));
        // ---- Send key
        kind("send key", v -> opt(KeyCodes.problem(v)), "key",
            List.of("", " ", ",", "a", "del", "ctrl+alt+del", "-1", "65536", "70000", "0x10000", "1.5", "1e2", "٢٩", "２９", "29;56",
                "29 56 $(id)", "<29>", "\u202e29", "29\u200b", "1 ".repeat(17), "0x", "x".repeat(10_000), "9".repeat(30)),
            List.of("29 56 111", "29,56,111", "0x1d 0x38", "0", "65535", "1 ".repeat(16)));
        // ---- guest agent
        kind("guest user", v -> opt(GuestCredentials.problem(v, "secret")), "User:",
            plus(without(HOSTILE, "a'b", "..", ".", "x".repeat(201), "x".repeat(300)), "root:x", "root:0:0", "a\nroot", "-r", "1root",
                "x".repeat(33), "root ", " root"),
            List.of("root", "vireo", "_svc", "a.b-c", "Administrator", "pc$"));
        kind("guest password", v -> opt(GuestCredentials.problem("root", v)), "Password:",
            List.of("", "a\nroot:x", "a\rb", "a\u0000b", "a\u0001b", "a\u007fb", "\n", "x".repeat(1025), "x".repeat(10_000)),
            List.of("secret", "p@ss:word with spaces", "<x>&'\"", "名前🦜", "x".repeat(1024)));
    }

    private static SnapshotPlan plan(String name, String description) {
        return new SnapshotPlan(name.strip(), description, SnapshotPlan.Kind.INTERNAL, List.of("vda"), false);
    }

    private static AddSshHostViewModel ssh(String host, String port, String user) {
        AddSshHostViewModel m = new AddSshHostViewModel();
        m.hostProperty().set(host);
        m.portProperty().set(port);
        m.userProperty().set(user);
        return m;
    }

    static Stream<Arguments> malformed() {
        return KINDS.entrySet().stream().flatMap(e -> e.getValue().bad().stream().map(v -> Arguments.of(e.getKey(), v)));
    }

    static Stream<Arguments> wellFormed() {
        return KINDS.entrySet().stream().flatMap(e -> e.getValue().good().stream().map(v -> Arguments.of(e.getKey(), v)));
    }

    @ParameterizedTest(name = "{0}: {index}")
    @MethodSource("malformed")
    void aMalformedValueIsRefusedAtOnceWithAMessageNamingTheField(String field, String value) {
        Kind kind = KINDS.get(field);
        List<String> why = assertTimeoutPreemptively(AT_ONCE, () -> kind.check().apply(value), field + " " + show(value));
        assertFalse(why.isEmpty(), field + " accepted " + show(value));
        for (String w : why) {
            assertFalse(w.isBlank(), field);
            assertTrue(w.length() < 400, "a message, not a dump: " + w);
            assertFalse(w.contains("Exception"), w);
        }
        assertTrue(why.stream().anyMatch(w -> names(w, kind.names())), field + " " + show(value) + ": no message names the field: " + why);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wellFormed")
    void aWellFormedValuePasses(String field, String value) {
        assertEquals(List.of(), KINDS.get(field).check().apply(value), field + " " + show(value));
    }

    @Test
    void everyKindHasTensOfMalformedValues() {
        int total = 0;
        for (var e : KINDS.entrySet()) {
            int n = e.getValue().bad().size();
            System.out.printf("[figure] malformed %s: %d%n", e.getKey(), n);
            assertTrue(n >= 5, e.getKey() + ": " + n);
            total += n;
        }
        System.out.printf("[figure] malformed spec values checked: %d in %d kinds%n", total, KINDS.size());
        assertTrue(total >= 500, "total " + total);
    }

    private static boolean names(String message, String names) {
        for (String n : names.split("\\|")) {
            if (n.endsWith(":") ? message.startsWith(n) : message.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    static String show(String s) {
        String v = s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder("\"");
        v.codePoints().forEach(c -> b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
            ? String.format("\\u%04x", c) : Character.toString(c)));
        return b.append('"').toString();
    }
}
