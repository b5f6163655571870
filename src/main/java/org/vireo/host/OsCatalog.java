package org.vireo.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.model.OsVariant;

/**
 * The operating systems of the osinfo database (Debian's osinfo-db: XML files under
 * /usr/share/osinfo/os), read with the JDK's streaming XML parser, no native library: ids,
 * names, recommended resources and the ISO volume ids that detect install media. Reading
 * takes a moment (about 800 files): call it off the FX thread.
 */
public final class OsCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(OsCatalog.class);
    public static final Path DEFAULT_DIR = Path.of("/usr/share/osinfo/os");

    private final List<OsVariant> all;

    private OsCatalog(List<OsVariant> all) {
        this.all = List.copyOf(all);
    }

    /** Reads every os/*.xml under {@code dir}; an absent database gives an empty catalog. */
    public static OsCatalog read(Path dir) {
        List<OsVariant> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            LOG.info("no osinfo database at {}: only the generic OS is offered", dir);
            return new OsCatalog(out);
        }
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(x -> x.toString().endsWith(".xml")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    parse(f.createXMLStreamReader(in), out);
                } catch (IOException | XMLStreamException e) {
                    LOG.debug("skipping {}: {}", p, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", dir, e.getMessage());
        }
        // newest first within a family: the list reads like virt-manager's
        out.sort(Comparator.comparing(OsVariant::name, OsCatalog::naturalCompare));
        return new OsCatalog(out);
    }

    private static void parse(XMLStreamReader r, List<OsVariant> out) throws XMLStreamException {
        String id = null;
        String shortId = "";
        String name = "";
        String family = "";
        String version = "";
        long ram = 0;
        long minRam = 0;
        int cpus = 0;
        long storage = 0;
        long minStorage = 0;
        List<String> volumeIds = new ArrayList<>();
        String section = "";
        int depth = 0;
        int osDepth = -1;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String tag = r.getLocalName();
                if (tag.equals("os") && osDepth < 0) {
                    id = r.getAttributeValue(null, "id");
                    osDepth = depth;
                    continue;
                }
                if (osDepth < 0) {
                    continue;
                }
                boolean direct = depth == osDepth + 1;
                switch (tag) {
                    case "minimum", "recommended" -> section = tag;
                    case "short-id" -> {
                        String t = r.getElementText();
                        depth--;
                        if (direct && shortId.isEmpty()) {
                            shortId = t.strip();
                        }
                    }
                    case "name" -> {
                        boolean localized = r.getAttributeCount() > 0;
                        String t = r.getElementText();
                        depth--;
                        if (direct && !localized && name.isEmpty()) {
                            name = t.strip();
                        }
                    }
                    case "family", "version" -> {
                        String t = r.getElementText();
                        depth--;
                        if (direct) {
                            if (tag.equals("family")) {
                                family = t.strip();
                            } else {
                                version = t.strip();
                            }
                        }
                    }
                    case "ram", "n-cpus", "storage" -> {
                        long v = number(r.getElementText());
                        depth--;
                        boolean rec = section.equals("recommended");
                        switch (tag) {
                            case "ram" -> {
                                if (rec) {
                                    ram = ram == 0 ? v : ram;
                                } else {
                                    minRam = minRam == 0 ? v : minRam;
                                }
                            }
                            case "n-cpus" -> cpus = rec || cpus == 0 ? (int) Math.max(cpus, v) : cpus;
                            default -> {
                                if (rec) {
                                    storage = storage == 0 ? v : storage;
                                } else {
                                    minStorage = minStorage == 0 ? v : minStorage;
                                }
                            }
                        }
                    }
                    case "volume-id" -> {
                        String t = r.getElementText();
                        depth--;
                        volumeIds.add(t.strip());
                    }
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("minimum") || r.getLocalName().equals("recommended")) {
                    section = "";
                }
                depth--;
            }
        }
        if (id != null && !name.isEmpty()) {
            out.add(new OsVariant(id, shortId, name, family, version, ram > 0 ? ram : minRam,
                Math.max(1, cpus), storage > 0 ? storage : minStorage, volumeIds));
        }
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public List<OsVariant> all() {
        return all;
    }

    /** Names, short ids or families that contain every word of {@code query} (case-insensitive). */
    public List<OsVariant> search(String query) {
        String[] words = query == null ? new String[0] : query.strip().toLowerCase().split("\\s+");
        return all.stream().filter(o -> {
            String hay = (o.name() + " " + o.shortId() + " " + o.family()).toLowerCase();
            for (String w : words) {
                if (!hay.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** The OS whose install media carry this ISO volume id (osinfo's patterns are regular expressions). */
    public Optional<OsVariant> detect(String volumeId) {
        if (volumeId == null || volumeId.isBlank()) {
            return Optional.empty();
        }
        for (OsVariant o : all) {
            for (String pattern : o.volumeIds()) {
                try {
                    if (Pattern.compile(pattern).matcher(volumeId).find()) {
                        return Optional.of(o);
                    }
                } catch (java.util.regex.PatternSyntaxException e) {
                    // a pattern Java reads differently: skip it
                }
            }
        }
        return Optional.empty();
    }

    public Optional<OsVariant> byShortId(String shortId) {
        return all.stream().filter(o -> o.shortId().equals(shortId)).findFirst();
    }

    /** "Debian 9" before "Debian 10": numbers compared as numbers. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
