package org.vireo.ui.domain;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.vireo.model.BlockDetails;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.HardwareInfo;
import org.vireo.model.NumberInput;

/** The Hardware tab: vCPUs and memory, devices and block info, device XML operations, disk resize. */
public final class HardwareViewModel extends DomainTabViewModel {
    /** MiB, as libvirt takes KiB in an unsigned long. */
    static final NumberRule MEMORY_MIB = new NumberRule("Memory (MiB)", 1, Long.MAX_VALUE >> 20, false);
    static final NumberRule RESIZE_MIB = new NumberRule("Size (MiB)", 1, Long.MAX_VALUE >> 20, false);

    private final ObjectProperty<HardwareInfo> hardware = new SimpleObjectProperty<>(this, "hardware");
    private final Prefill<Integer> vcpus = new Prefill<>();
    private final Prefill<String> memory = new Prefill<>();

    HardwareViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.HARDWARE);
    }

    @Override
    void clear() {
        vcpus.reset();
        memory.reset();
        hardware.set(null);
    }

    @Override
    void load() {
        page.fetch(DomainPageViewModel.HARDWARE, () -> page.service().hardware(page.uuid()), hardware::set);
    }

    public ObjectProperty<HardwareInfo> hardwareProperty() {
        return hardware;
    }

    /** "live 2 of 4 · config 2 of 4 · hypervisor max 255" ("-" where libvirt gave nothing). */
    static String vcpuSummary(HardwareInfo hw) {
        return "live " + n(hw.vcpusLive()) + " of " + n(hw.vcpusLiveMax()) + " · config " + n(hw.vcpusConfig())
            + " of " + n(hw.vcpusConfigMax()) + (hw.hypervisorMaxVcpus() > 0 ? " · hypervisor max " + hw.hypervisorMaxVcpus() : "");
    }

    static String memorySummary(HardwareInfo hw) {
        return "live " + mib(hw.memoryLiveKiB()) + " of " + mib(hw.maxMemoryLiveKiB()) + " · config " + mib(hw.memoryConfigKiB())
            + " of " + mib(hw.maxMemoryConfigKiB());
    }

    /** The vCPU count the spinner should show now (the domain's), or null to keep what the user chose. */
    Integer vcpusPrefill(HardwareInfo hw, Integer input) {
        int v = hw.vcpusLive() > 0 ? hw.vcpusLive() : hw.vcpusConfig();
        return v > 0 ? vcpus.offer(v, input) : null;
    }

    /** The memory field's text now (the domain's MiB), or null to keep what the user typed. */
    String memoryPrefill(HardwareInfo hw, String input) {
        long m = hw.memoryLiveKiB() > 0 ? hw.memoryLiveKiB() : hw.memoryConfigKiB();
        return memory.offer(Long.toString(m / 1024), input);
    }

    public void setVcpus(int count, boolean maximum, Affect affect) {
        page.run(DomainPageViewModel.HARDWARE, "Set " + (maximum ? "maximum " : "") + "vCPUs to " + count + " (" + affect.label() + ")",
            () -> page.service().setVcpus(page.uuid(), count, maximum, affect), DomainPageViewModel.HARDWARE);
    }

    /** {@code mibText} as typed; refused on the outcome line (nothing sent) unless it is a size in MiB. */
    public void setMemory(String mibText, boolean maximum, Affect affect) {
        NumberInput mib = MEMORY_MIB.parse(mibText);
        if (!mib.ok()) {
            refuse(mib.problem());
            return;
        }
        long kib = mib.value() * 1024;
        page.run(DomainPageViewModel.HARDWARE, "Set " + (maximum ? "maximum " : "") + "memory to " + kib / 1024 + " MiB (" + affect.label() + ")",
            () -> page.service().setMemory(page.uuid(), kib, maximum, affect), DomainPageViewModel.HARDWARE);
    }

    public void attachDevice(String xmlText, Affect affect) {
        page.run(DomainPageViewModel.HARDWARE, "Attach device (" + affect.label() + ")",
            () -> page.service().attachDevice(page.uuid(), xmlText, affect), DomainPageViewModel.HARDWARE);
    }

    Confirmation detachConfirmation(Affect affect) {
        return new Confirmation("Detach this device from " + page.name() + "?",
            "The guest loses the device (" + affect.label() + "); a disk's data stays in its image file.", "Detach");
    }

    public void detachDevice(String xmlText, Affect affect) {
        page.run(DomainPageViewModel.HARDWARE, "Detach device (" + affect.label() + ")",
            () -> page.service().detachDevice(page.uuid(), xmlText, affect), DomainPageViewModel.HARDWARE);
    }

    public void updateDevice(String xmlText, Affect affect, boolean force) {
        page.run(DomainPageViewModel.HARDWARE, "Update device (" + affect.label() + (force ? ", force" : "") + ")",
            () -> page.service().updateDevice(page.uuid(), xmlText, affect, force), DomainPageViewModel.HARDWARE);
    }

    /** What a resize of {@code disk} to {@code mibText} asks first (shrinking loses the end of the disk), or null: nothing to ask. */
    Confirmation resizeConfirmation(BlockDetails disk, String mibText) {
        NumberInput mib = RESIZE_MIB.parse(mibText);
        if (disk == null || !mib.ok() || mib.value() * 1024 * 1024 >= disk.capacity()) {
            return null;
        }
        return new Confirmation("Shrink " + disk.disk() + "?", "Shrinking cuts off the end of the disk: data there is lost.", "Shrink");
    }

    /** Resizes the chosen disk; no disk chosen or a size that is not one is refused with the reason, and nothing is sent. */
    public void blockResize(BlockDetails disk, String mibText) {
        NumberInput mib = RESIZE_MIB.parse(mibText);
        if (disk == null) {
            refuse("Choose the disk to resize in the block info table");
            return;
        }
        if (!mib.ok()) {
            refuse(mib.problem());
            return;
        }
        long bytes = mib.value() * 1024 * 1024;
        page.run(DomainPageViewModel.HARDWARE, "Resize " + disk.disk() + " to " + bytes / (1024 * 1024) + " MiB",
            () -> page.service().blockResize(page.uuid(), disk.disk(), bytes), DomainPageViewModel.HARDWARE);
    }

    private void refuse(String why) {
        page.refuse(DomainPageViewModel.HARDWARE, why);
    }

    private static String n(int v) {
        return v < 0 ? "-" : Integer.toString(v);
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : kib / 1024 + " MiB";
    }
}
