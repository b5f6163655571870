package org.vireo.ui.host;

import java.util.List;
import org.vireo.model.VolumeInfo;

/** A volume as the Storage tab lists it: the volume and the domains whose disks use it. */
public record VolumeRow(VolumeInfo volume, List<String> usedBy) {
    public VolumeRow {
        usedBy = List.copyOf(usedBy);
    }

    public String name() {
        return volume.name();
    }

    public boolean inUse() {
        return !usedBy.isEmpty();
    }
}
