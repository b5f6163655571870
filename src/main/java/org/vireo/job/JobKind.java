package org.vireo.job;

/** What a job does; the Jobs panel's "job" column. */
public enum JobKind {
    MIGRATION("Migrate"),
    SAVE("Save"),
    RESTORE("Restore"),
    MANAGED_SAVE("Managed save"),
    CORE_DUMP("Core dump"),
    SNAPSHOT("Snapshot"),
    REVERT("Revert"),
    BLOCK_JOB("Block job"),
    CREATE("Create"),
    CLONE("Clone"),
    UPLOAD("Upload"),
    DOWNLOAD("Download");

    private final String label;

    JobKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
