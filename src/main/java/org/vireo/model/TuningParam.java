package org.vireo.model;

/** One typed parameter of a tuning group: name, libvirt type (int, uint, llong, ullong, double, boolean, string), value. */
public record TuningParam(String name, String type, String value) {
}
