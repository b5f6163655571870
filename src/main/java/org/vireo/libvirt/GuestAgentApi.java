package org.vireo.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * What the guest agent (qemu-ga in the guest) does for a domain: freeze and thaw its
 * filesystems, list them, read and set its clock, set a user's password. Runs on a host worker.
 */
public final class GuestAgentApi {
    private final DomainCalls calls;

    public GuestAgentApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    /** virDomainFSFreeze of every mounted filesystem: the number frozen. Guest writes wait until the thaw. */
    public int fsFreeze(String uuid) throws VirtException {
        return calls.call(uuid, "virDomainFSFreeze", p -> NativeVirt.LIB.virDomainFSFreeze(p, null, 0, 0));
    }

    public int fsThaw(String uuid) throws VirtException {
        return calls.call(uuid, "virDomainFSThaw", p -> NativeVirt.LIB.virDomainFSThaw(p, null, 0, 0));
    }

    /** virDomainGetFSInfo: one line per mounted filesystem, "mountpoint name fstype disks" as virsh domfsinfo shows them. */
    public List<String> fsInfo(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            PointerByReference out = new PointerByReference();
            int n = DomainCalls.check(NativeVirt.LIB.virDomainGetFSInfo(BindingPointers.of(dom), out, 0), "virDomainGetFSInfo");
            Pointer array = out.getValue();
            List<String> lines = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    // struct virDomainFSInfo { char *mountpoint; char *name; char *fstype; size_t ndevAlias; char **devAlias; }
                    Pointer info = array.getPointer((long) i * Native.POINTER_SIZE);
                    long nalias = Native.SIZE_T_SIZE == 8 ? info.getLong(3L * Native.POINTER_SIZE) : info.getInt(3L * Native.POINTER_SIZE);
                    Pointer aliases = info.getPointer(4L * Native.POINTER_SIZE);
                    List<String> disks = new ArrayList<>();
                    for (int j = 0; j < nalias; j++) {
                        disks.add(aliases.getPointer((long) j * Native.POINTER_SIZE).getString(0, "UTF-8"));
                    }
                    lines.add(info.getPointer(0).getString(0, "UTF-8") + " " + info.getPointer(Native.POINTER_SIZE).getString(0, "UTF-8") + " "
                        + info.getPointer(2L * Native.POINTER_SIZE).getString(0, "UTF-8") + " " + String.join(",", disks));
                    NativeVirt.LIB.virDomainFSInfoFree(info);
                }
            } finally {
                if (array != null) {
                    Native.free(Pointer.nativeValue(array));
                }
            }
            return lines;
        });
    }

    /** The guest's clock (virDomainGetTime, through the agent), in seconds since the epoch. */
    public long guestTime(String uuid) throws VirtException {
        LongByReference secs = new LongByReference();
        calls.call(uuid, "virDomainGetTime", p -> NativeVirt.LIB.virDomainGetTime(p, secs, new IntByReference(), 0));
        return secs.getValue();
    }

    /** virDomainSetTime: the guest's clock (and its RTC) to {@code seconds}. */
    public void setGuestTime(String uuid, long seconds) throws VirtException {
        calls.call(uuid, "virDomainSetTime", p -> NativeVirt.LIB.virDomainSetTime(p, seconds, 0, 0));
    }

    /** virDomainSetUserPassword (plain text; the agent hashes it in the guest). The password is not kept. */
    public void setUserPassword(String uuid, String user, String password) throws VirtException {
        calls.call(uuid, "virDomainSetUserPassword", p -> NativeVirt.LIB.virDomainSetUserPassword(p, user, password, 0));
    }
}
