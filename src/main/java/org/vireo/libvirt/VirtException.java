package org.vireo.libvirt;

import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * The one exception the gateway throws: libvirt's error code, error domain (the part of
 * libvirt that failed) and message, from the binding or from the project's own calls.
 */
public final class VirtException extends Exception {
    private final int code;
    private final String codeName;
    private final String errorDomain;

    public VirtException(int code, String codeName, String errorDomain, String message, Throwable cause) {
        super(message == null || message.isBlank() ? "libvirt error " + codeName : message, cause);
        this.code = code;
        this.codeName = codeName;
        this.errorDomain = errorDomain;
    }

    /** libvirt's virErrorNumber, e.g. 38 for VIR_ERR_SYSTEM_ERROR. */
    public int code() {
        return code;
    }

    /** The binding's name of the code, e.g. VIR_ERR_NO_DOMAIN, or the number when unnamed. */
    public String codeName() {
        return codeName;
    }

    /** libvirt's virErrorDomain name, e.g. VIR_FROM_RPC. */
    public String errorDomain() {
        return errorDomain;
    }

    static VirtException from(LibvirtException e) {
        Error err = e.getError();
        if (err == null) {
            return new VirtException(-1, "UNKNOWN", "UNKNOWN", e.getMessage(), e);
        }
        int code = err.getCode() == null ? -1 : err.getCode().ordinal();
        String codeName = err.getCode() == null ? "UNKNOWN" : err.getCode().name();
        String domain = err.getDomain() == null ? "UNKNOWN" : err.getDomain().name();
        return new VirtException(code, codeName, domain, err.getMessage(), e);
    }

    /** The calling thread's last libvirt error, after one of our own native calls failed. */
    static VirtException lastError(String call) {
        int code = NativeVirt.LIB.virGetLastErrorCode();
        int domain = NativeVirt.LIB.virGetLastErrorDomain();
        String message = NativeVirt.LIB.virGetLastErrorMessage();
        NativeVirt.LIB.virResetLastError();
        String codeName = name(Error.ErrorNumber.values(), code);
        String domainName = name(Error.ErrorDomain.values(), domain);
        return new VirtException(code, codeName, domainName,
            message == null || message.isBlank() ? call + " failed" : message, null);
    }

    private static String name(Enum<?>[] values, int ordinal) {
        return ordinal >= 0 && ordinal < values.length ? values[ordinal].name() : Integer.toString(ordinal);
    }

    @Override
    public String toString() {
        return "VirtException[" + codeName + "/" + errorDomain + "]: " + getMessage();
    }
}
