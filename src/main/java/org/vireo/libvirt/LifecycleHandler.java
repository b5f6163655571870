package org.vireo.libvirt;

/** Receives libvirt lifecycle events; called on libvirt's event loop thread, so it must return quickly. */
@FunctionalInterface
public interface LifecycleHandler {
    void onLifecycle(String uuid, String name, String event, String detail);
}
