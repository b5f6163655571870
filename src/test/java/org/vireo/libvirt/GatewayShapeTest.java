package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape issue 11 asks of the gateway, read from the sources: small classes, one place that
 * looks domains up, one place for the lifecycle actions, flags by name, no dead native
 * declarations, and DomainService without per-method submit boilerplate.
 */
class GatewayShapeTest {
    private static final Path MAIN = Path.of("src/main/java/org/vireo");
    private static final Path GATEWAY = MAIN.resolve("libvirt");
    /** A little above the ~400 lines a class of the gateway may have. */
    private static final int MAX_LINES = 420;

    @Test
    void noGatewayClassIsLarge() {
        Map<String, Integer> large = new TreeMap<>();
        for (Path f : sources(GATEWAY)) {
            int lines = read(f).split("\n", -1).length;
            if (lines > MAX_LINES) {
                large.put(f.getFileName().toString(), lines);
            }
        }
        assertEquals(Map.of(), large, "gateway classes over " + MAX_LINES + " lines");
    }

    @Test
    void domainsAreLookedUpOnlyInDomainCalls() {
        Pattern lookup = Pattern.compile("domainLookupBy(UUIDString|UUID|Name|ID)\\b|LIB(\\.|::)virDomainLookupBy\\w+");
        assertEquals(Set.of("DomainCalls.java"), filesMatching(MAIN, lookup), "classes that look a domain up themselves");
    }

    @Test
    void onlyLifecycleApiStartsStopsPausesOrResumesADomain() {
        Pattern action = Pattern.compile("\\bdom(\\.|::)(create|suspend|resume|shutdown|reboot|reset|destroy)\\b"
            + "|Domain::(create|suspend|resume|shutdown|reboot|reset|destroy)\\b"
            + "|LIB(\\.|::)virDomain(Create\\w*|Suspend|Resume|Shutdown\\w*|Reboot|Reset|Destroy\\w*)\\b");
        assertEquals(Set.of("LifecycleApi.java"), filesMatching(MAIN, action), "classes that run lifecycle actions");
    }

    @Test
    void libvirtCallsTakeNamedFlagsNotNumbers() {
        // a line that calls libvirt: the JNA mapping, or the binding's Domain/Connect/snapshot objects
        Pattern call = Pattern.compile("LIB\\.vir\\w+\\(|\\b(dom|snap|conn|binding\\(\\))\\.\\w+\\(");
        // a non-zero number as an argument, in a ternary, or or-ed into a mask (0 is libvirt's "no flags")
        Pattern literal = Pattern.compile("[(,]\\s*[1-9]\\d*\\s*(/\\*[^*]*\\*/\\s*)?[,)]|\\?\\s*[1-9]\\d*\\s*:|\\|\\s*[1-9]\\d*\\b");
        List<String> found = new ArrayList<>();
        for (Path f : sources(GATEWAY)) {
            String[] lines = read(f).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                if (call.matcher(code).find() && literal.matcher(code).find()) {
                    found.add(f.getFileName() + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertEquals(List.of(), found, "libvirt calls with number literals for flags (use DomainFlags)");
    }

    @Test
    void everyNativeDeclarationIsCalled() {
        String nativeVirt = read(GATEWAY.resolve("NativeVirt.java"));
        Matcher m = Pattern.compile("^\\s+[\\w.<>\\[\\]]+\\s+(vir\\w+)\\(", Pattern.MULTILINE).matcher(nativeVirt);
        Set<String> declared = new TreeSet<>();
        while (m.find()) {
            declared.add(m.group(1));
        }
        assertTrue(declared.size() > 50, "the declarations were read: " + declared.size());
        StringBuilder others = new StringBuilder();
        for (Path f : sources(MAIN)) {
            if (!f.getFileName().toString().equals("NativeVirt.java")) {
                others.append(read(f));
            }
        }
        Set<String> unused = new TreeSet<>();
        for (String name : declared) {
            if (!Pattern.compile("LIB(\\." + name + "\\(|::" + name + "\\b)").matcher(others).find()) {
                unused.add(name);
            }
        }
        assertEquals(Set.of(), unused, "NativeVirt declarations nothing calls");
    }

    @Test
    void domainServiceSubmitsInOnePlace() {
        String service = read(MAIN.resolve("host/DomainService.java"));
        assertEquals(1, count(service, "session.submit("), "calls of session.submit");
        assertEquals(0, count(service, "session.<"), "typed session.submit calls");
        assertEquals(1, count(service, "jobs.start("), "calls of jobs.start");
        assertEquals(1, count(service, "return null;"), "Void bodies written out");
        assertEquals(2, count(service, "requestRefresh()"), "refreshes written out (after a change, after a job)");
        // and every public call still goes through them: one helper call per method at most
        Matcher m = Pattern.compile("public [^(]*CompletableFuture<[^{]*\\{").matcher(service);
        int methods = 0;
        while (m.find()) {
            methods++;
        }
        int helpers = count(service, "ask(c ->") + count(service, "run(c ->") + count(service, "change(c ->") + count(service, "job(JobKind.");
        assertTrue(methods > 50 && helpers >= methods - 2, methods + " public calls, " + helpers + " through the helpers");
    }

    @Test
    void deadCodeNamedInTheReviewIsGone() {
        assertTrue(!Files.exists(GATEWAY.resolve("DomainApi.java")), "DomainApi was split");
        assertEquals(Set.of(), filesMatching(MAIN, Pattern.compile("\\bjobInfo\\(|\\binterfaceTargets\\(")), "jobInfo, interfaceTargets");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static Set<String> filesMatching(Path root, Pattern p) {
        Set<String> out = new TreeSet<>();
        for (Path f : sources(root)) {
            if (!f.getFileName().toString().equals("NativeVirt.java") && p.matcher(read(f)).find()) {
                out.add(f.getFileName().toString());
            }
        }
        return out;
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertTrue(!files.isEmpty(), "no sources under " + root.toAbsolutePath());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
