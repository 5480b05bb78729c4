package io.mailtune.agent.web;

import io.mailtune.agent.api.EmailView;
import io.mailtune.agent.api.Views;
import io.mailtune.agent.drafting.LanguageGuess;
import io.mailtune.agent.store.StoredEmail;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Set;

/** Builds the desk's view of an email from the API's. */
@ApplicationScoped
public class MailViews {

    /** Raster images shown as thumbnails; the same the API serves inline. */
    static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final Views views;
    private final Clock clock;

    MailViews(Views views, Clock clock) {
        this.views = views;
        this.clock = clock;
    }

    /** The email as the desk shows it. */
    public MailView of(StoredEmail stored) {
        EmailView e = views.email(stored);
        byte[] raw = views.raw(stored.email());
        boolean html = raw != null && MailBody.of(raw).map(b -> b.html() != null).orElse(false);
        return new MailView(e.emailId(), QueuePage.sender(e.fromName(), e.from()), e.from(), String.join(", ", e.to()),
                e.subject().isBlank() ? "(no subject)" : e.subject(), Ages.ago(e.receivedAt(), clock.instant()),
                Ages.when(e.receivedAt()), e.newText(), e.fullText(), html, "/emails/" + e.emailId() + "/body",
                e.attachments().stream().map(a -> MailView.file(a, IMAGES.contains(a.contentType()))).toList(),
                e.rawUrl(), "/emails/" + e.emailId() + "/original", e.flags(),
                MailView.languageName(LanguageGuess.of(e.subject() + "\n" + e.newText()).orElse("")));
    }
}
