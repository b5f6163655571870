package org.vireo.ui.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.model.DomainAction;
import org.vireo.model.NaturalOrder;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;

/**
 * The command palette (Ctrl+K): finds any domain on any host and any action by typing,
 * fuzzily, as "verb object [host]": "sta db-pri" starts db-primary, "con ci" opens
 * ci-runner's console, "mig web hostB" migrates web-frontend to hostB. Recent choices come
 * first; they last across restarts when the window hands them to the settings
 * ({@link #setRecent}, {@link #setOnRecentChanged}). Matching runs over the rows the hosts already keep.
 */
public final class PaletteViewModel {
    /** What the palette's choices do; the main window supplies them. */
    public record Actions(BiConsumer<DomainAction, DomainRowViewModel> perform, Consumer<DomainRowViewModel> open,
                          Consumer<DomainRowViewModel> console, Consumer<DomainRowViewModel> snapshots,
                          BiConsumer<DomainRowViewModel, HostViewModel> migrate, Consumer<HostViewModel> openHost,
                          List<Command> commands) {
    }

    /** A window command: its words, what it does, its shortcut's text. */
    public record Command(String id, String text, String keys, Runnable run) {
    }

    private enum Verb {
        OPEN("Open", "open go show page"),
        CONSOLE("Console", "console screen"),
        SNAPSHOTS("Snapshots", "snapshots"),
        START("Start", "start boot run power-on"),
        SHUTDOWN("Shut down", "shutdown shut stop halt"),
        REBOOT("Reboot", "reboot restart"),
        PAUSE("Pause", "pause suspend"),
        RESUME("Resume", "resume unpause continue"),
        FORCE_OFF("Force off", "force-off kill destroy"),
        MIGRATE("Migrate", "migrate move");

        final String label;
        final String[] words;

        Verb(String label, String words) {
            this.label = label;
            this.words = words.split(" ");
        }

        DomainAction action() {
            return switch (this) {
                case START -> DomainAction.START;
                case SHUTDOWN -> DomainAction.SHUTDOWN;
                case REBOOT -> DomainAction.REBOOT;
                case PAUSE -> DomainAction.PAUSE;
                case RESUME -> DomainAction.RESUME;
                case FORCE_OFF -> DomainAction.FORCE_OFF;
                default -> null;
            };
        }
    }

    private static final int SHOWN = 60;
    private static final int RECENT_KEPT = 30;

    private final MainViewModel main;
    private final Actions actions;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteItem> items = FXCollections.observableArrayList();
    /** Keys of the choices run, newest first. */
    private final List<String> recent = new ArrayList<>();
    private Consumer<List<String>> recentChanged = keys -> { };
    private long searches;
    private long searchNanos;

    public PaletteViewModel(MainViewModel main, Actions actions) {
        this.main = main;
        this.actions = actions;
        query.addListener(o -> search());
    }

    /** Empties the query and shows the recent choices (the palette opens). */
    public void reset() {
        if (query.get().isEmpty()) {
            search();
        } else {
            query.set("");
        }
    }

    /** Runs a choice and puts it first among the recent ones. */
    public void run(PaletteItem item) {
        if (item == null) {
            return;
        }
        recent.remove(item.key());
        recent.addFirst(item.key());
        while (recent.size() > RECENT_KEPT) {
            recent.removeLast();
        }
        // a host URI with a password in it (user:secret@host) is never handed on to be written to disk
        recentChanged.accept(recent.stream().filter(k -> !k.matches(".*://[^/@]*:[^/@]*@.*")).toList());
        item.run().run();
    }

    /** Starts from recent choices remembered from an earlier run (newest first); keys that name no domain now are skipped when shown. */
    public void setRecent(List<String> keys) {
        recent.clear();
        for (String k : keys) {
            if (k != null && !k.isBlank() && !recent.contains(k) && recent.size() < RECENT_KEPT) {
                recent.add(k);
            }
        }
    }

    /** Told the recent choices (newest first) each time one is run, to remember them. */
    public void setOnRecentChanged(Consumer<List<String>> listener) {
        this.recentChanged = listener == null ? keys -> { } : listener;
    }

    /** The choices for the query now, best first (recent ones first among equals). */
    public void search() {
        long t0 = System.nanoTime();
        items.setAll(find(query.get()));
        searches++;
        searchNanos += System.nanoTime() - t0;
    }

    List<PaletteItem> find(String text) {
        String[] tokens = text == null || text.isBlank() ? new String[0] : text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        Map<String, PaletteItem> found = new LinkedHashMap<>();
        if (tokens.length == 0) {
            // the recent choices that still make sense, then the window's commands
            for (String key : recent) {
                PaletteItem i = resolve(key);
                if (i != null) {
                    found.put(i.key(), i);
                }
            }
            for (Command c : actions.commands()) {
                found.putIfAbsent("cmd:" + c.id(), command(c, 0));
            }
            return List.copyOf(found.values());
        }
        Map<String, Integer> rank = new java.util.HashMap<>();
        java.util.Set<String> recentUuids = new java.util.HashSet<>();
        for (int i = 0; i < recent.size(); i++) {
            rank.put(recent.get(i), i);
            String[] p = recent.get(i).split(":", 3);
            if (p.length > 1) {
                recentUuids.add(p[1]);
            }
        }
        Best best = new Best(rank, recentUuids);
        // window commands: every word typed matches a word of the command
        for (Command c : actions.commands()) {
            int s = words(tokens, c.text().toLowerCase(Locale.ROOT));
            if (s > 0) {
                best.offer(command(c, s));
            }
        }
        // hosts: "hostb" opens hostB's page
        for (HostViewModel h : main.hosts()) {
            int s = words(tokens, "host " + h.titleProperty().get().toLowerCase(Locale.ROOT));
            if (s > 0) {
                best.offer(new PaletteItem("host:" + h.uri(), "Go to " + h.titleProperty().get(), h.uri(), s,
                    () -> actions.openHost().accept(h)));
            }
        }
        // verb object [host]
        boolean verbMatched = false;
        for (Verb v : Verb.values()) {
            int vs = best(tokens[0], v.words);
            if (vs <= 0) {
                continue;
            }
            verbMatched = true;
            addDomainItems(best, v, vs, java.util.Arrays.copyOfRange(tokens, 1, tokens.length));
        }
        // no verb: the words name a domain, which opens
        if (!verbMatched || tokens.length == 1) {
            addDomainItems(best, Verb.OPEN, 0, tokens);
        }
        for (PaletteItem i : best.sorted()) {
            found.putIfAbsent(i.key(), i);
        }
        return List.copyOf(found.values());
    }

    /** A match not yet made into an item: most matches never are (only the best {@link #SHOWN}). */
    private record Candidate(Verb verb, DomainRowViewModel domain, HostViewModel target, int score, int recent, PaletteItem item) {
        String name() {
            return domain == null ? item.text() : domain.getName();
        }
    }

    /** Keeps the best {@link #SHOWN} matches: recent first, then by score, then by name. */
    private final class Best {
        private final Map<String, Integer> rank;
        private final java.util.Set<String> recentUuids;
        private final Comparator<Candidate> order = Comparator.comparingInt(Candidate::recent)
            .thenComparing(Comparator.comparingInt(Candidate::score).reversed())
            .thenComparing(Candidate::name)
            .thenComparingInt(c -> c.verb() == null ? -1 : c.verb().ordinal());
        private final java.util.PriorityQueue<Candidate> worstFirst = new java.util.PriorityQueue<>(SHOWN + 1, order.reversed());

        Best(Map<String, Integer> rank, java.util.Set<String> recentUuids) {
            this.rank = rank;
            this.recentUuids = recentUuids;
        }

        void offer(PaletteItem item) {
            add(new Candidate(null, null, null, item.score(), rank.getOrDefault(item.key(), Integer.MAX_VALUE), item));
        }

        void offer(Verb verb, DomainRowViewModel d, HostViewModel target, int score) {
            int recentRank = Integer.MAX_VALUE;
            if (recentUuids.contains(d.uuid())) {
                recentRank = rank.getOrDefault(key(verb, d, target), Integer.MAX_VALUE);
            }
            add(new Candidate(verb, d, target, score, recentRank, null));
        }

        private void add(Candidate c) {
            worstFirst.add(c);
            if (worstFirst.size() > SHOWN) {
                worstFirst.poll();
            }
        }

        List<PaletteItem> sorted() {
            List<Candidate> all = new ArrayList<>(worstFirst);
            all.sort(order);
            return all.stream().map(c -> c.item() != null ? c.item() : domainItem(c.verb(), c.domain(), c.target(), c.score())).toList();
        }
    }

    private static String key(Verb verb, DomainRowViewModel d, HostViewModel target) {
        return verb.name() + ":" + d.uuid() + (target == null ? "" : ":" + target.uri());
    }

    private void addDomainItems(Best out, Verb verb, int verbScore, String[] object) {
        HostViewModel target = null;
        String[] words = object;
        if (verb == Verb.MIGRATE && object.length >= 2) {
            // the last word may name the destination
            HostViewModel h = bestHost(object[object.length - 1]);
            if (h != null) {
                target = h;
                words = java.util.Arrays.copyOf(object, object.length - 1);
            }
        }
        for (HostViewModel h : main.hosts()) {
            String hostTitle = h.titleProperty().get().toLowerCase(Locale.ROOT);
            for (DomainRowViewModel d : h.domains()) {
                if (verb.action() != null && !verb.action().appliesTo(d.getState())) {
                    continue;
                }
                if (verb == Verb.MIGRATE && target == h) {
                    continue;
                }
                int s = domainScore(words, d.lowerName(), hostTitle);
                if (s < 0) {
                    continue;
                }
                out.offer(verb, d, target, verbScore + s);
            }
        }
    }

    /** Every word matches the name (better) or, for a last word, the host; -1 when one does not. */
    private static int domainScore(String[] words, String name, String host) {
        if (words.length == 0) {
            return 1;
        }
        int total = 0;
        for (int i = 0; i < words.length; i++) {
            int s = fuzzy(words[i], name);
            if (s <= 0 && i == words.length - 1 && words.length > 1) {
                s = fuzzy(words[i], host) / 2;
            }
            if (s <= 0) {
                return -1;
            }
            total += s;
        }
        // shorter names that match as well come first ("web" before "web-frontend-old")
        return total * 4 - Math.min(name.length(), 40) / 8;
    }

    private HostViewModel bestHost(String word) {
        HostViewModel best = null;
        int bestScore = 0;
        for (HostViewModel h : main.hosts()) {
            int s = Math.max(fuzzy(word, h.titleProperty().get().toLowerCase(Locale.ROOT)), fuzzy(word, h.uri().toLowerCase(Locale.ROOT)));
            if (s > bestScore) {
                bestScore = s;
                best = h;
            }
        }
        return bestScore >= 30 ? best : null;
    }

    private PaletteItem domainItem(Verb verb, DomainRowViewModel d, HostViewModel target, int score) {
        String host = d.host().titleProperty().get();
        String key = key(verb, d, target);
        String text = verb.label + " " + d.getName() + (target == null ? "" : " to " + target.titleProperty().get());
        String detail = host + " · " + d.getStatus().text();
        Runnable run = switch (verb) {
            case OPEN -> () -> actions.open().accept(d);
            case CONSOLE -> () -> actions.console().accept(d);
            case SNAPSHOTS -> () -> actions.snapshots().accept(d);
            case MIGRATE -> () -> actions.migrate().accept(d, target);
            default -> () -> actions.perform().accept(verb.action(), d);
        };
        return new PaletteItem(key, text, detail, score, run);
    }

    private static PaletteItem command(Command c, int score) {
        return new PaletteItem("cmd:" + c.id(), c.text(), c.keys(), score, c.run());
    }

    /** A recent choice's item as it is now (null when its domain or host is gone or the action no longer applies). */
    private PaletteItem resolve(String key) {
        String[] p = key.split(":", 3);
        if (p[0].equals("cmd")) {
            return actions.commands().stream().filter(c -> c.id().equals(p[1])).findFirst().map(c -> command(c, 0)).orElse(null);
        }
        if (p[0].equals("host")) {
            String uri = key.substring(5);
            return main.find(uri).map(h -> new PaletteItem(key, "Go to " + h.titleProperty().get(), h.uri(), 0,
                (Runnable) () -> actions.openHost().accept(h))).orElse(null);
        }
        Verb verb;
        try {
            verb = Verb.valueOf(p[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        HostViewModel target = p.length > 2 ? main.find(p[2]).orElse(null) : null;
        for (HostViewModel h : main.hosts()) {
            for (DomainRowViewModel d : h.domains()) {
                if (d.uuid().equals(p[1])) {
                    if (verb.action() != null && !verb.action().appliesTo(d.getState())) {
                        return null;
                    }
                    return domainItem(verb, d, target, 0);
                }
            }
        }
        return null;
    }

    /** Every token matches some word of the text; the sum of the matches, or 0. */
    private static int words(String[] tokens, String text) {
        String[] ws = text.split("[\\s()/·-]+");
        int total = 0;
        for (String t : tokens) {
            int s = best(t, ws);
            if (s <= 0) {
                return 0;
            }
            total += s;
        }
        return total;
    }

    private static int best(String token, String[] words) {
        int best = 0;
        for (String w : words) {
            best = Math.max(best, fuzzy(token, w));
        }
        return best;
    }

    /**
     * How well a typed word matches a text: its start 100, the start of one of its parts
     * (after - _ . or a space) 80, anywhere 60, its letters in order 30 less the gaps, else 0.
     */
    static int fuzzy(String token, String text) {
        if (token.isEmpty()) {
            return 1;
        }
        if (text.startsWith(token)) {
            return 100;
        }
        int at = text.indexOf(token);
        if (at > 0) {
            char before = text.charAt(at - 1);
            return before == '-' || before == '_' || before == '.' || before == ' ' ? 80 : 60;
        }
        int gaps = 0;
        int j = 0;
        for (int i = 0; i < token.length(); i++) {
            int k = text.indexOf(token.charAt(i), j);
            if (k < 0) {
                return 0;
            }
            if (i == 0 && k != 0) {
                // a subsequence must begin where the text does: "sta" is not in "pause"
                return 0;
            }
            gaps += k - j;
            j = k + 1;
        }
        return Math.max(5, 30 - gaps);
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteItem> items() {
        return items;
    }

    /** The keys of the recent choices, newest first. */
    public List<String> recent() {
        return List.copyOf(recent);
    }

    /** Searches so far and their FX time in ns (the benchmark). */
    public long searches() {
        return searches;
    }

    public long searchNanos() {
        return searchNanos;
    }
}
