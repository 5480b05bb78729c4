package io.mailtune.trainer;

import io.mailtune.core.mail.EmailAddress;
import io.mailtune.core.reply.ApprovedReply;
import io.mailtune.core.reply.Citation;
import io.mailtune.core.reply.SourcePassage;
import io.mailtune.core.text.EditDistance;
import io.mailtune.demo.brightcart.HelpArticle;
import io.mailtune.demo.brightcart.HouseStyle;
import io.mailtune.demo.brightcart.SupportCase;
import io.mailtune.demo.brightcart.SupportCaseGenerator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Approved replies as an agent would publish them, made from the demo company's generated cases. */
public final class DemoApprovals {

    /** The house style staff switch to in the tests: formal greeting and a new team sign-off, no ticket line. */
    public static final HouseStyle CARE = new HouseStyle("brightcart-care", "Dear {name},", null,
            "Kind regards,\nThe Brightcart Care Team");

    /** The rules the gate checks for {@link #CARE}. */
    public static final List<String> CARE_RULES = List.of("match (?m)^Dear [A-Z]", "require Kind regards,",
            "require The Brightcart Care Team");

    /** The demo's hand-off sentence, so hand-off-only replies are recognised. */
    public static final String DEMO_HAND_OFF = "This needs a member of our team to look at it personally, so I have passed it"
            + " to a colleague who will follow up with you by email within two business days.";

    private DemoApprovals() {
    }

    /** The case's gold reply (the draft) approved in {@code style}, as an approval of its own thread. */
    public static ApprovedReply approved(SupportCaseGenerator generator, SupportCase c, HouseStyle style, String tag) {
        String sent = style.restyle(c.goldReply(), generator.settings().style(), c.ticketNumber());
        return of(generator, c, c.goldReply(), sent, tag);
    }

    /** An approval with the given draft and sent text. */
    public static ApprovedReply of(SupportCaseGenerator generator, SupportCase c, String draft, String sent, String tag) {
        List<SourcePassage> passages = new ArrayList<>();
        List<Citation> citations = new ArrayList<>();
        for (String id : c.articleIds()) {
            HelpArticle a = generator.knowledgeBase().article(id);
            SourcePassage p = new SourcePassage(a.id(), a.id() + "#key", a.title(), a.url(), a.keyPassage(), 1.0, 1.0);
            passages.add(p);
            citations.add(p.citation());
        }
        Instant now = Instant.now();
        return ApprovedReply.builder().replyId("reply-" + tag + "-" + c.caseId()).draftId("draft-" + tag + "-" + c.caseId())
                .emailId("email-" + c.caseId()).threadId("thread-" + tag + "-" + c.caseId()).mailbox("support")
                .subject(c.subject()).customerMessage(c.body()).originalDraft(draft).sentText(sent).reviewer("sam")
                .editDistance(EditDistance.levenshtein(draft, sent)).citations(citations).passages(passages)
                .customer(new EmailAddress(c.customerEmail(), c.customerName())).language("en").handOff(c.isHandOff())
                .draftedAt(now.minusSeconds(60)).approvedAt(now).build();
    }

    /** {@code text} without its paragraphs that contain the key instruction of any of the case's articles. */
    public static String withoutKeyInstruction(SupportCaseGenerator generator, SupportCase c, String text) {
        String out = text;
        for (String id : c.articleIds()) {
            String key = generator.knowledgeBase().article(id).keyInstruction();
            out = out.replace(key, "").replaceAll(" {2,}", " ");
        }
        return out;
    }
}
