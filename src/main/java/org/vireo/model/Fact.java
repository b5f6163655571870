package org.vireo.model;

import java.util.function.Function;

/**
 * A value read from libvirt, or why it could not be read: a failed call must never look
 * like an answer ("none", 0, "") on a page.
 */
public record Fact<T>(T value, String error) {
    public static <T> Fact<T> of(T value) {
        return new Fact<>(value, null);
    }

    public static <T> Fact<T> failed(String error) {
        return new Fact<>(null, error == null || error.isBlank() ? "unknown error" : error);
    }

    public boolean ok() {
        return error == null;
    }

    /** The value in words, or "could not be read: libvirt's message". */
    public String text(Function<T, String> words) {
        return ok() ? words.apply(value) : "could not be read: " + error;
    }
}
