package org.vireo.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A domain's tags as Vireo keeps them: one element in the domain's XML metadata under
 * Vireo's own namespace, so they travel with the domain between hosts and every user of
 * the host sees them: {@code <vireo:tags xmlns:vireo="https://vireo.org/xmlns/tags/1"><vireo:tag>db</vireo:tag></vireo:tags>}.
 */
public final class DomainTags {
    public static final String NAMESPACE = "https://vireo.org/xmlns/tags/1";
    /** The prefix libvirt writes the element with. */
    public static final String KEY = "vireo";
    // libvirt hands the element back with the prefix it was stored under (or none)
    private static final Pattern TAG = Pattern.compile("<(?:[\\w.-]+:)?tag>([^<]*)</(?:[\\w.-]+:)?tag>");

    private DomainTags() {
    }

    /** At most this many tags on a domain, each at most {@link #MAX_LENGTH} characters. */
    public static final int MAX_TAGS = 32;
    public static final int MAX_LENGTH = 64;

    /**
     * Why these tags cannot be written; empty when they can. XML's special characters are fine
     * (escaped, and read back intact); control characters are not (XML 1.0 cannot hold them:
     * libvirt refuses the whole element), nor invisible ones (a direction override or a
     * zero-width space makes two tags that look alike, or one that reads backwards).
     */
    public static Optional<String> problem(List<String> tags) {
        List<String> clean = normalize(tags);
        if (clean.size() > MAX_TAGS) {
            return Optional.of("Tags: at most " + MAX_TAGS + " on a domain, not " + clean.size() + ".");
        }
        for (String t : clean) {
            String shown = t.length() > 20 ? t.substring(0, 20) + "…" : t;
            if (t.length() > MAX_LENGTH) {
                return Optional.of("Tags: \"" + shown + "\" has " + t.length() + " characters; at most " + MAX_LENGTH + ".");
            }
            if (t.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                return Optional.of("Tags: a tag cannot hold control or invisible characters (a direction mark, a zero-width space).");
            }
            if (t.contains(",")) {
                return Optional.of("Tags: a comma separates tags; a tag cannot hold one.");
            }
        }
        return Optional.empty();
    }

    /** The tags in a metadata element; none for an empty or foreign text. */
    public static List<String> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TAG.matcher(xml);
        while (m.find()) {
            String t = unescape(m.group(1)).strip();
            if (!t.isEmpty()) {
                tags.add(t);
            }
        }
        return List.copyOf(tags);
    }

    /** The element for these tags; "" for none (which removes the element). */
    public static String toXml(List<String> tags) {
        List<String> clean = normalize(tags);
        if (clean.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<tags>");
        for (String t : clean) {
            b.append("<tag>").append(escape(t)).append("</tag>");
        }
        return b.append("</tags>").toString();
    }

    /** "db, prod  web" -> [db, prod, web]: commas or spaces separate, duplicates go, order stays. */
    public static List<String> fromText(String text) {
        if (text == null) {
            return List.of();
        }
        return normalize(List.of(text.split("[,\\s]+")));
    }

    public static String toText(List<String> tags) {
        return String.join(", ", tags);
    }

    public static List<String> normalize(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            String s = t == null ? "" : t.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** The tags plus {@code added} (kept in order, no duplicates). */
    public static List<String> with(List<String> tags, List<String> added) {
        List<String> all = new ArrayList<>(tags);
        all.addAll(added);
        return normalize(all);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }
}
