package io.mailtune.ingest.classify;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.mail.MailClassification;
import io.mailtune.core.mail.MailFlag;
import io.mailtune.core.mail.MailFlag.Kind;
import io.mailtune.ingest.mime.MailHeaders;
import io.mailtune.ingest.mime.NormalisedMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which messages must not be drafted for, recording the header or pattern that decided: automatic
 * answers, bounces and delivery reports, list and bulk mail, and mail from the support addresses themselves.
 */
public final class TrafficClassifier {

    /** Header Mailtune writes on every reply it sends; seeing it inbound means our own mail came back. */
    public static final String REPLY_ID_HEADER = "X-Mailtune-Reply-Id";

    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^\\s*(Automatic reply|Auto(matische)? ?(reply|Antwort)|Autoreply|Out of (the )?office|Abwesenheitsnotiz|Réponse automatique|Respuesta automática|Fuori sede)\\b.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAEMON = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon)@.*", Pattern.CASE_INSENSITIVE);

    private final Set<String> ownAddresses;

    /** A classifier for a mailbox whose support addresses (and aliases) are given. */
    public TrafficClassifier(Set<EmailAddress> ownAddresses) {
        if (ownAddresses == null || ownAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one own address is needed for the loop guard");
        }
        this.ownAddresses = ownAddresses.stream().map(EmailAddress::normalised).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * The flags of a message, empty for customer mail, the one deciding its {@link MailClassification} first (then
     * in the order they were found), so that even a reader of the flags alone sees a bounce as a bounce.
     */
    public List<MailFlag> classify(NormalisedMessage message) {
        MailHeaders h = message.headers();
        List<MailFlag> flags = new ArrayList<>();
        String autoSubmitted = h.first("Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            flags.add(new MailFlag(Kind.AUTO_REPLY, "Auto-Submitted: " + autoSubmitted));
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
            if (h.has(name)) {
                flags.add(new MailFlag(Kind.AUTO_REPLY, name + ": " + h.first(name)));
            }
        }
        String suppress = h.first("X-Auto-Response-Suppress");
        if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|oof|autoreply)\\b.*")) {
            flags.add(new MailFlag(Kind.AUTO_REPLY, "X-Auto-Response-Suppress: " + suppress));
        }
        String precedence = h.first("Precedence");
        if (precedence != null) {
            String p = precedence.strip().toLowerCase(Locale.ROOT);
            if (p.equals("auto_reply") || p.equals("junk")) {
                flags.add(new MailFlag(Kind.AUTO_REPLY, "Precedence: " + precedence));
            } else if (p.equals("bulk") || p.equals("list")) {
                flags.add(new MailFlag(Kind.MAILING_LIST, "Precedence: " + precedence));
            }
        }
        if (AUTO_SUBJECT.matcher(message.subject()).matches()) {
            flags.add(new MailFlag(Kind.AUTO_REPLY, "Subject: " + message.subject()));
        }
        bounce(message, h, flags);
        if (h.has("List-Id")) {
            flags.add(new MailFlag(Kind.MAILING_LIST, "List-Id: " + h.first("List-Id")));
        } else if (h.has("List-Unsubscribe")) {
            flags.add(new MailFlag(Kind.MAILING_LIST, "List-Unsubscribe present"));
        }
        if (ownAddresses.contains(message.from().normalised())) {
            flags.add(new MailFlag(Kind.OWN_ADDRESS, "From: " + message.from().address() + " is a support address"));
        } else if (h.has(REPLY_ID_HEADER)) {
            flags.add(new MailFlag(Kind.OWN_ADDRESS, REPLY_ID_HEADER + ": " + h.first(REPLY_ID_HEADER)));
        }
        flags.sort(Comparator.comparing(f -> MailClassification.of(f.kind())));
        return List.copyOf(flags);
    }

    private static void bounce(NormalisedMessage message, MailHeaders h, List<MailFlag> flags) {
        String contentType = h.first("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("multipart/report")) {
            flags.add(new MailFlag(Kind.BOUNCE, "Content-Type: " + contentType.replaceAll("\\s+", " ")));
            return;
        }
        String returnPath = h.first("Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            flags.add(new MailFlag(Kind.BOUNCE, "Return-Path: <> (null sender)"));
            return;
        }
        if (DAEMON.matcher(message.from().address()).matches()) {
            flags.add(new MailFlag(Kind.BOUNCE, "From: " + message.from().address()));
        }
    }
}
