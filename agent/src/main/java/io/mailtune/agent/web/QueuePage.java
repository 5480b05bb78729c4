package io.mailtune.agent.web;

import io.mailtune.agent.mail.MailHost;
import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.Draft;
import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.mailtune.agent.store.EmailStore;
import io.mailtune.agent.store.QueueFilter;
import io.mailtune.agent.store.StoredEmail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review queue: drafts oldest email first, filtered by status, mailbox and age, with counts; and the flagged mail
 * (auto-replies, bounces, lists) that gets no draft.
 */
@Path("/")
@RolesAllowed(Roles.REVIEWER)
@Produces(MediaType.TEXT_HTML)
public class QueuePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Chrome chrome, Queue queue);

        static native TemplateInstance rows(Queue queue);

        static native TemplateInstance flagged(Chrome chrome, Flagged flagged);
    }

    /** The statuses a tab shows. */
    enum Tab {
        READY("ready", "Ready to review", EnumSet.of(DraftStatus.READY)),
        DRAFTING("drafting", "Being drafted", EnumSet.of(DraftStatus.QUEUED, DraftStatus.DRAFTING)),
        FAILED("failed", "Failed", EnumSet.of(DraftStatus.FAILED)),
        OPEN("open", "All open", DraftStatus.OPEN);

        final String key;
        final String label;
        final Set<DraftStatus> statuses;

        Tab(String key, String label, Set<DraftStatus> statuses) {
            this.key = key;
            this.label = label;
            this.statuses = statuses;
        }

        static Tab of(String key) {
            if (key == null || key.isBlank()) {
                return READY;
            }
            for (Tab t : values()) {
                if (t.key.equals(key)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("status must be one of ready, drafting, failed, open; was '" + key + "'");
        }
    }

    /**
     * A line of the queue.
     *
     * @param draftId    the draft
     * @param href       its page
     * @param status     its status, lowercase (the colour class)
     * @param statusText its status in words
     * @param age        how long the email has waited
     * @param arrived    when it arrived, for the tooltip
     * @param late       waiting longer than four hours
     * @param customer   the customer's name, or address
     * @param address    the customer's address
     * @param subject    the subject
     * @param snippet    the start of the customer's words
     * @param mailbox    the mailbox
     * @param confidence the draft's confidence, or null before it is written
     * @param adapter    the adapter that wrote it, or empty
     * @param handOff    the draft hands the email to a person
     * @param failure    why drafting failed, or null
     */
    public record Row(String draftId, String href, String status, String statusText, String age, String arrived, boolean late,
                      String customer, String address, String subject, String snippet, String mailbox,
                      ConfidenceLevel confidence, String adapter, boolean handOff, String failure) {
    }

    /**
     * A status tab.
     *
     * @param label  its name
     * @param count  drafts in it
     * @param active whether it is shown
     * @param href   its link, keeping the other filters
     */
    public record TabLink(String label, long count, boolean active, String href) {
    }

    /**
     * An option of a filter.
     *
     * @param value    the query value
     * @param label    what it says
     * @param selected whether it is chosen
     */
    public record Option(String value, String label, boolean selected) {
    }

    /**
     * The queue page.
     *
     * @param tabs       the status tabs with counts
     * @param status     the tab shown
     * @param mailboxes  the mailbox filter's options
     * @param ages       the age filter's options
     * @param rows       the drafts shown
     * @param flash      a confirmation of what the reviewer just did, or null
     * @param empty      what an empty queue says
     * @param refreshUrl the rows' refresh address
     */
    public record Queue(List<TabLink> tabs, String status, List<Option> mailboxes, List<Option> ages, List<Row> rows,
                        String flash, String empty, String refreshUrl) {
    }

    /**
     * A flagged email.
     *
     * @param href     its thread view
     * @param from     the sender
     * @param subject  the subject
     * @param flags    why it got no draft
     * @param age      how long ago it arrived
     * @param arrived  when, for the tooltip
     * @param mailbox  the mailbox
     */
    public record FlaggedRow(String href, String from, String subject, String flags, String age, String arrived, String mailbox) {
    }

    /**
     * The flagged-mail page.
     *
     * @param rows      flagged emails, newest first
     * @param mailboxes the mailbox filter's options
     */
    public record Flagged(List<FlaggedRow> rows, List<Option> mailboxes) {
    }

    private static final Map<String, String> AGES = new LinkedHashMap<>();

    static {
        AGES.put("", "Any age");
        AGES.put("60", "Waiting over 1 h");
        AGES.put("240", "Waiting over 4 h");
        AGES.put("1440", "Waiting over 1 day");
    }

    static final Duration LATE = Duration.ofHours(4);

    private final DraftStore drafts;
    private final EmailStore emails;
    private final MailHost mail;
    private final DeskFrame frame;
    private final Clock clock;

    QueuePage(DraftStore drafts, EmailStore emails, MailHost mail, DeskFrame frame, Clock clock) {
        this.drafts = drafts;
        this.emails = emails;
        this.mail = mail;
        this.frame = frame;
        this.clock = clock;
    }

    @GET
    public TemplateInstance queue(@QueryParam("status") String status, @QueryParam("mailbox") String mailbox,
                                  @QueryParam("age") String age, @QueryParam("done") String done) {
        return Templates.queue(frame.chrome("queue", "Queue"), build(status, mailbox, age, done));
    }

    @GET
    @Path("queue/rows")
    public TemplateInstance rows(@QueryParam("status") String status, @QueryParam("mailbox") String mailbox,
                                 @QueryParam("age") String age) {
        return Templates.rows(build(status, mailbox, age, null));
    }

    @GET
    @Path("flagged")
    public TemplateInstance flagged(@QueryParam("mailbox") String mailbox) {
        String box = blankToNull(mailbox);
        Instant now = clock.instant();
        List<FlaggedRow> rows = new ArrayList<>();
        for (StoredEmail stored : emails.flagged(box, 200)) {
            var e = stored.email();
            rows.add(new FlaggedRow("/emails/" + e.emailId(), sender(e.from().displayName(), e.from().address()),
                    e.subject().isBlank() ? "(no subject)" : e.subject(),
                    String.join("; ", e.flags().stream().map(f -> f.kind().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ') + ": " + f.reason()).toList()),
                    Ages.ago(e.receivedAt(), now), Ages.when(e.receivedAt()), e.mailbox()));
        }
        return Templates.flagged(frame.chrome("flagged", "Flagged mail"), new Flagged(rows, mailboxes(box)));
    }

    private Queue build(String status, String mailbox, String age, String done) {
        Tab tab = Tab.of(status);
        String box = blankToNull(mailbox);
        Integer minutes = age == null || age.isBlank() ? null : parseAge(age);
        Map<DraftStatus, Long> counts = drafts.counts(box);
        List<TabLink> tabs = new ArrayList<>();
        for (Tab t : Tab.values()) {
            long n = t.statuses.stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
            tabs.add(new TabLink(t.label, n, t == tab, "/" + query(t.key, box, age)));
        }
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        for (Draft d : drafts.queue(new QueueFilter(box, tab.statuses, minutes == null ? null : Duration.ofMinutes(minutes), 200))) {
            rows.add(row(d, now));
        }
        List<Option> ages = new ArrayList<>();
        AGES.forEach((v, label) -> ages.add(new Option(v, label, v.equals(age == null ? "" : age))));
        String empty = switch (tab) {
            case READY -> "Nothing to review. New drafts appear here as mail arrives.";
            case DRAFTING -> "No email is waiting for its draft.";
            case FAILED -> "No failed drafts.";
            case OPEN -> "The queue is empty.";
        };
        return new Queue(tabs, tab.key, mailboxes(box), ages, rows, flash(done), empty, "/queue/rows" + query(tab.key, box, age));
    }

    private Row row(Draft d, Instant now) {
        StoredEmail stored = emails.find(d.emailId()).orElse(null);
        String name = stored == null ? "" : stored.email().from().displayName();
        String address = stored == null ? "" : stored.email().from().address();
        String subject = stored == null || stored.email().subject().isBlank() ? "(no subject)" : stored.email().subject();
        String text = stored == null ? "" : stored.email().normalisedText().strip().replaceAll("\\s+", " ");
        var w = d.written();
        return new Row(d.draftId(), "/drafts/" + d.draftId(), d.status().name().toLowerCase(java.util.Locale.ROOT),
                DraftPage.statusText(d.status()), Ages.since(d.arrivedAt(), now), Ages.when(d.arrivedAt()),
                Duration.between(d.arrivedAt(), now).compareTo(LATE) > 0, sender(name, address), address, subject,
                text.length() > 140 ? text.substring(0, 139) + "…" : text, d.mailbox(),
                w == null ? null : ConfidenceLevel.of(w.confidence()), w == null ? "" : w.adapterVersion(),
                w != null && w.handOff(), d.failure());
    }

    private String flash(String done) {
        if (done == null || done.isBlank()) {
            return null;
        }
        return drafts.find(done).map(this::flashFor).orElse(null);
    }

    String flashFor(Draft d) {
        String who = emails.find(d.emailId()).map(e -> sender(e.email().from().displayName(), e.email().from().address())).orElse("the customer");
        return switch (d.status()) {
            case APPROVED -> "Approved: the reply to " + who + " is on its way.";
            case REJECTED -> "Rejected the draft for " + who + ". Nothing was sent.";
            default -> null;
        };
    }

    private List<Option> mailboxes(String selected) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "All mailboxes", selected == null));
        for (String name : mail.states().keySet()) {
            out.add(new Option(name, name, name.equals(selected)));
        }
        if (selected != null && !mail.states().containsKey(selected)) {
            out.add(new Option(selected, selected, true));
        }
        return out;
    }

    static String sender(String name, String address) {
        return name == null || name.isBlank() ? address : name;
    }

    private static String query(String status, String mailbox, String age) {
        StringBuilder q = new StringBuilder("?status=").append(status);
        if (mailbox != null) {
            q.append("&mailbox=").append(URLEncoder.encode(mailbox, StandardCharsets.UTF_8));
        }
        if (age != null && !age.isBlank()) {
            q.append("&age=").append(URLEncoder.encode(age, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private static Integer parseAge(String age) {
        try {
            int minutes = Integer.parseInt(age.strip());
            if (minutes < 0) {
                throw new NumberFormatException();
            }
            return minutes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("age must be a number of minutes, was '" + age + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
