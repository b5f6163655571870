package org.vireo;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Drawing without the GPU, chosen by --software-rendering or VIREO_SOFTWARE_RENDERING=1 (Xvfb,
 * remote X, broken drivers). Without it JavaFX picks its hardware pipeline where there is one
 * and falls back to software by itself; choosing software up front skips the failing GL probe.
 */
final class SoftwareRendering {
    private SoftwareRendering() {
    }

    static boolean asked(LaunchOptions options) {
        String env = System.getenv("VIREO_SOFTWARE_RENDERING");
        return options.softwareRendering() || (env != null && !env.isBlank() && !env.equals("0"));
    }

    /** Must run before the JavaFX toolkit starts: prism and GTK read these once, at start. */
    static void apply() {
        if (System.getProperty("prism.order") == null) {
            System.setProperty("prism.order", "sw");
        }
        // GTK then need not load Mesa's GL (about 50 MiB less), as src/scripts/run does
        if (System.getenv("GDK_GL") == null) {
            setenv("GDK_GL", "disable");
        }
    }

    private static void setenv(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            MemorySegment v = arena.allocateFrom(value);
            int unused = (int) setenv.invokeExact(n, v, 0);
        } catch (Throwable e) {
            // only a saving of memory is lost
            System.err.println("vireo: cannot set " + name + ": " + e);
        }
    }
}
