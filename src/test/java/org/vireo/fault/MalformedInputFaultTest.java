package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vireo.LaunchOptions;
import org.vireo.model.DomainNames;
import org.vireo.model.DomainXml;
import org.vireo.model.NumberInput;
import org.vireo.model.Sizes;
import org.vireo.ssh.SshTarget;

/**
 * Hundreds of malformed inputs through the checks every text field and --connect go
 * through before anything reaches libvirt: URIs (Add Connection, Edit, --connect), XML
 * (the XML tab's save), numbers (NumberInput, size fields), names (create, clone,
 * snapshot). Each is refused with a message of its own, at once, without an exception;
 * the well-formed inputs beside them pass (the checks are not simply refusing everything).
 * That the service layer refuses them too, with libvirt untouched, is in RefusedInputFaultTest.
 */
class MalformedInputFaultTest {
    private static final Duration AT_ONCE = Duration.ofMillis(500);

    // ------------------------------------------------------------ URIs

    static Stream<String> badUris() {
        Set<String> out = new LinkedHashSet<>(List.of(
            "", " ", "\t", "not a uri", "qemu", "qemu:", "qemu:system", "://system", ":///system", "+ssh://h/system",
            "qemu++ssh://h/system", "qemu+ssh+tcp://h/system", "1qemu:///system", "qe mu:///system", "-qemu:///system",
            "http://example.com/", "https://h/system", "ftp://h/system", "file:///etc/passwd", "ssh://h/system", "mailto:x@y",
            "javascript:alert(1)", "data:text/plain,qemu", "kvm:///system", "virtualbox:///session", "docker:///", "qemu2:///system",
            "foo+ssh://h/system", "qemu+http://h/system", "qemu+ssl://h/system", "qemu+udp://h/system", "qemu+ssh2://h/system",
            "qemu+ssh://h/system?no_verify=1", "qemu+ssh://h/system?known_hosts=/tmp/k", "qemu+ssh://h/system?netcat=nc",
            "qemu+ssh://h/system?command=/bin/sh", "qemu+ssh://h/system?mode=legacy", "qemu+ssh://h/system?proxy=native",
            "qemu+ssh://h/system?sshauth=password", "qemu+ssh://h/system?socket=relative/sock", "qemu+ssh://h/system?foo=bar",
            "qemu+ssh://h/system?keyfile=/k&x=1", "qemu+ssh://hóst/system", "qemu:///systém", "qemu+ssh://用户@host/system",
            "qemu:///system?socket=/tmp/ñ", "qemu+ssh://h\u202e/metsys", "qemu+ssh://h\u200b/system", "qemu+ssh://🦜/system",
            "qemu:///sys\ntem", "qemu:///sys\ttem", "qemu:///system\u0000", "qemu+ssh://h:0/system", "qemu+ssh://h:99999/system",
            "qemu+ssh://h:abc/system", "qemu+ssh://h:-1/system", "qemu:///", "qemu:///systemx", "qemu://", "qemu+ssh://h",
            "qemu+ssh://h/", "qemu+ssh://h/root", "test://", "test:default", "qemu+ssh:///system", "qemu+tcp:///system",
            "qemu+tls:///system", "qemu+ssh://[::1/system", "qemu+ssh://h/sys%tem", "qemu+ssh://a b/system",
            "qemu+ssh://h/system#frag%", "qemu+ssh://h/system?socket=%", "qemu+ssh://" + "a".repeat(2000) + "/system",
            "test:///" + "x".repeat(5000), "qemu:///system?" + "a=b&".repeat(400)));
        // every bad scheme with every path shape
        for (String scheme : List.of("kvm", "qemu+http", "vmware+ssh", "qemu+", "+", "q_emu", "qemu+ssh+ssh")) {
            for (String rest : List.of(":///system", "://h/system", "://user@h:22/system", "://h/session?socket=/s", ":", "://")) {
                out.add(scheme + rest);
            }
        }
        // drivers libvirt does not have, locally and over each transport
        for (String driver : List.of("kvm", "virtualbox", "hyper-v", "proxmox", "podman", "firecracker", "qemu-kvm", "libvirt", "virsh",
            "system", "localhost", "vm", "Q", "qemu64", "tcg")) {
            for (String rest : List.of(":///system", "+ssh://h/system", "+tcp://h/system", "+unix:///system")) {
                out.add(driver + rest);
            }
        }
        // hosts that are not host names: unicode, spaces, brackets, empty user or port parts
        for (String host : List.of("hóst", "h st", "[h]", "h]", "[::1", "h:port", "h:99999", "@", "u@@h", "ö@h", "h%zz")) {
            out.add("qemu+ssh://" + host + "/system");
            out.add("qemu+tcp://" + host + "/system");
        }
        // every bad SSH parameter on every driver
        for (String driver : List.of("qemu", "lxc", "test", "xen")) {
            for (String param : List.of("no_verify=1", "netcat=/bin/nc", "command=ssh", "no_tty=1", "mode=direct", "sshauth=agent",
                "socket=sock", "name=qemu:///system", "pkipath=/x")) {
                out.add(driver + "+ssh://h/" + (driver.equals("qemu") ? "system" : driver.equals("test") ? "default" : "") + "?" + param);
            }
        }
        // every qemu path that is not /system, /session or /embed, locally and remotely
        for (String path : List.of("", "/", "/System", "/sessions", "/system/", "/../system", "/embed/x", "/root", "/%73ystem")) {
            out.add("qemu://" + path);
            out.add("qemu:///" + path.replaceFirst("^/", ""));
            out.add("qemu+ssh://h" + path);
            out.add("qemu+unix://" + path);
        }
        out.removeIf(u -> u.equals("qemu+unix:///system") || u.equals("qemu:///system") || u.equals("qemu+ssh://h/system"));
        return out.stream();
    }

    static Stream<String> goodUris() {
        return Stream.of("qemu:///system", "qemu:///session", "qemu+ssh://user@host/system", "qemu+ssh://host:2222/system?keyfile=/k",
            "qemu+ssh://labA/system?socket=/var/run/libvirt/libvirt-sock", "test:///default", "test:///tmp/demo.xml", "lxc:///",
            "qemu+unix:///system?socket=/tmp/vireo-lab/run/libvirt/libvirt-sock", "qemu+tcp://10.0.0.1:16509/system",
            "qemu+tls://host.example/system", "xen:///system", "test+ssh://labA/default", "qemu+ssh://[::1]:22/system",
            "  qemu:///system  ", "QEMU:///system", "ch:///session", "network:///system", "qemu:///embed?root=/tmp/x");
    }

    @ParameterizedTest
    @MethodSource("badUris")
    void aMalformedUriIsRefusedWithAMessageInTheDialogAndOnTheCommandLine(String uri) {
        Optional<String> why = assertTimeoutPreemptively(AT_ONCE, () -> SshTarget.problem(uri));
        assertTrue(why.isPresent(), "refused: " + show(uri));
        assertTrue(why.get().length() >= 20 && why.get().length() < 400, "a message of its own, not a dump: " + why.get());
        assertFalse(why.get().contains("Exception"), why.get());
        IllegalArgumentException cli = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--connect", uri, "--connect",
            "test:///default"), "--connect " + show(uri));
        assertTrue(cli.getMessage().startsWith("--connect ") || cli.getMessage().equals("--connect needs a value"), cli.getMessage());
    }

    @ParameterizedTest
    @MethodSource("goodUris")
    void aWellFormedUriPasses(String uri) {
        assertEquals(Optional.empty(), SshTarget.problem(uri), uri);
        assertEquals(List.of(uri), LaunchOptions.parse("--connect", uri).connect());
    }

    @Test
    void thereAreHundredsOfThem() {
        long n = badUris().count();
        System.out.printf("[figure] malformed URIs checked: %d%n", n);
        assertTrue(n >= 200, "bad URIs: " + n);
    }

    // ------------------------------------------------------------ XML

    static Stream<String> badXml() {
        List<String> out = new ArrayList<>(List.of("", "   ", "domain", "<domain>", "<domain></domian>", "<domain><name>x</domain>",
            "<domain type='kvm'", "<domain type=kvm/>", "<?xml version='1.0'?>", "<domain/><domain/>", "text<domain/>",
            "<domain>&nosuch;</domain>", "<domain><name>a & b</name></domain>", "<domain><name><![CDATA[x</name></domain>",
            "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>",
            "<!DOCTYPE d [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><domain>&b;</domain>",
            "<network><name>n</name></network>", "<domainsnapshot/>", "<Domain/>", "<pool type='dir'/>", "<x:domain xmlns:x='urn:x'/>",
            "\u0000<domain/>", "<domain>\u0001</domain>", "<domain attr='1' attr='2'/>", "<1domain/>",
            "<domain>" + "<a>".repeat(50) + "</domain>", "<domain>" + "x".repeat(DomainXml.MAX_DEFINITION) + "</domain>"));
        for (String root : List.of("network", "pool", "volume", "secret", "nwfilter", "interface", "capabilities", "html", "xml")) {
            out.add("<" + root + "/>");
            out.add("<" + root + "><name>x</name></" + root + ">");
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("badXml")
    void aMalformedDefinitionIsRefusedWithAMessage(String xml) {
        Optional<String> why = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> DomainXml.definitionProblem(xml));
        assertTrue(why.isPresent(), "refused: " + show(xml));
        assertTrue(why.get().length() >= 15 && why.get().length() < 600, why.get());
    }

    @Test
    void aWellFormedDomainPassesTheCheck() {
        assertEquals(Optional.empty(), DomainXml.definitionProblem("<domain type='qemu'><name>ok</name><memory>1024</memory></domain>"));
        assertEquals(Optional.empty(), DomainXml.definitionProblem("<?xml version='1.0'?>\n<domain type=\"kvm\">\n  <name>a&amp;b</name>\n</domain>\n"));
    }

    // ------------------------------------------------------------ numbers

    static Stream<String> badNumbers() {
        List<String> out = new ArrayList<>(List.of("", " ", "-", "+", "--1", "1-", "1.5", "1,5", "1e3", "1E3", "0x", "0x1G", "1 2", "١٢",
            "１２", "∞", "NaN", "Infinity", "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1k", "1K", "4G",
            "512MiB", "512 MiB", "1TB", "0b101", "0o7", "07x", "\u00001", "1\n2", "⅓", "²", "-0x5", "0x-5", "0xffffffffffffffffff"));
        for (String unit : List.of("b", "kb", "KiB", "M", "GiB", "%", "s", "ms")) {
            out.add("10" + unit);
            out.add("-10" + unit);
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("badNumbers")
    void aMalformedNumberIsRefusedWithAMessage(String text) {
        NumberInput n = assertTimeoutPreemptively(AT_ONCE, () -> NumberInput.parse(text, "Memory", 1, 1L << 40, false));
        assertFalse(n.ok(), show(text) + " read as " + n.value());
        assertTrue(n.problem().startsWith("Memory "), n.problem());
    }

    @ParameterizedTest
    @MethodSource("badNumbers")
    void aMalformedSizeIsRefused(String text) {
        if (text.equals("1.5")) {
            return; // a size may have decimals
        }
        for (String unit : Sizes.UNITS) {
            assertEquals(-1L, (long) assertTimeoutPreemptively(AT_ONCE, () -> Sizes.parse(text, unit)), show(text) + " " + unit);
        }
    }

    @Test
    void negativeZeroAndOverflowingNumbersAndSizesAreRefused() {
        for (String t : List.of("-1", "0", "-9223372036854775808", "1099511627777")) {
            assertFalse(NumberInput.parse(t, "Memory", 1, 1L << 40, false).ok(), t);
        }
        for (String t : List.of("-1", "0", "0.0", "-0.5", "1e-99999999", "1E-999999999", "1e9", "9999999999999999999")) {
            for (String unit : Sizes.UNITS) {
                assertEquals(-1L, (long) assertTimeoutPreemptively(AT_ONCE, () -> Sizes.parse(t, unit)), t + " " + unit);
            }
        }
        assertEquals(1536L << 20, Sizes.parse("1.5", "GiB"));
        assertEquals(42, NumberInput.parse(" 4_2 ", "Memory", 1, 100, false).value());
        assertEquals(255, NumberInput.parse("0xff", "Key", 0, 1000, true).value());
    }

    // ------------------------------------------------------------ names

    static Stream<String> badDomainNames() {
        return Stream.of("", " ", "a b", "näme", "名前", "🦜", "<x>", "a&b", "a'b", "a\"b", "a/b", "../etc", ".hidden", "-lead", "_lead",
            "a\tb", "a\nb", "a\u0000b", "a;rm -rf", "$(id)", "a`b`", "a|b", "a\\b", "a:b", "a@b", "a,b", "a*b", "a?b",
            "a".repeat(201), "a".repeat(300), "x".repeat(10_000), "\u202eevil", "a\u200bb");
    }

    @ParameterizedTest
    @MethodSource("badDomainNames")
    void aMalformedDomainNameIsRefusedWithAMessage(String name) {
        Optional<String> why = assertTimeoutPreemptively(AT_ONCE, () -> DomainNames.domainProblem(name, "the guest"));
        assertTrue(why.isPresent(), show(name));
        assertTrue(why.get().length() < 200, why.get());
    }

    static Stream<String> badSnapshotNames() {
        return Stream.of("a/b", "/", "../../etc/passwd", ".", "..", ".hidden", "a\nb", "a\u0000b", "a\tb", "x".repeat(201), "x/".repeat(100));
    }

    @ParameterizedTest
    @MethodSource("badSnapshotNames")
    void aMalformedSnapshotNameIsRefusedWithAMessage(String name) {
        assertTrue(DomainNames.snapshotProblem(name).isPresent(), show(name));
    }

    @Test
    void wellFormedNamesPass() {
        for (String n : List.of("a", "db-primary", "web_1.2+3", "a".repeat(200), "9lives")) {
            assertEquals(Optional.empty(), DomainNames.domainProblem(n, "the guest"), n);
        }
        // snapshot names may hold spaces, unicode and XML's characters (escaped on the way); empty = libvirt picks
        for (String n : List.of("", "before upgrade", "vor dem Update ü", "名前", "<a & 'b'>", "x".repeat(200))) {
            assertEquals(Optional.empty(), DomainNames.snapshotProblem(n), n);
        }
    }

    private static String show(String s) {
        String v = s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + " chars)" : s;
        return "\"" + v.replace("\n", "\\n").replace("\t", "\\t").replace("\u0000", "\\0") + "\"";
    }
}
