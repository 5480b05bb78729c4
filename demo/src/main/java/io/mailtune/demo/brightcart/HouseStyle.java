package io.mailtune.demo.brightcart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a company frames every reply: the greeting, an optional ticket-reference line under it, and the sign-off.
 * A reply is rendered as blocks separated by blank lines: greeting, ticket line (if any), paragraphs, sign-off.
 *
 * @param name       a stable name for reports
 * @param greeting   the greeting line, containing {@value #NAME_SLOT}
 * @param ticketLine a line under the greeting, either a ticket reference containing {@value #TICKET_SLOT} or a fixed
 *                   sentence, or null for none
 * @param signOff    the sign-off, one or more lines without blank lines
 */
public record HouseStyle(String name, String greeting, String ticketLine, String signOff) {

    /** Where the customer's first name goes in the greeting. */
    public static final String NAME_SLOT = "{name}";
    /** Where the ticket number goes in the ticket line. */
    public static final String TICKET_SLOT = "{ticket}";

    /** Brightcart's house style that the bundled model learns first. */
    public static final HouseStyle DEFAULT = new HouseStyle("brightcart-default", "Hi {name},", null,
            BrightcartProfile.SIGNATURE);

    /**
     * The style support staff switch to in the loop test: formal greeting, a fixed line thanking the customer on behalf
     * of the care team, new team name. (A ticket number would be a number the drafter cannot quote from its prompt.)
     */
    public static final HouseStyle TICKETED = new HouseStyle("brightcart-care-formal", "Dear {name},",
            "Thank you for contacting the Brightcart Care Team.", "Kind regards,\nThe Brightcart Care Team");

    private static final String NAME_PATTERN = "\\p{L}[\\p{L}\\p{M}'’. -]*";

    /** Validates the templates. */
    public HouseStyle {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("style name must not be blank");
        }
        if (greeting == null || !greeting.contains(NAME_SLOT) || greeting.contains("\n")) {
            throw new IllegalArgumentException("style '" + name + "': greeting must be one line containing " + NAME_SLOT
                    + ", got '" + greeting + "'");
        }
        if (ticketLine != null && (ticketLine.isBlank() || ticketLine.contains("\n"))) {
            throw new IllegalArgumentException("style '" + name + "': the line under the greeting must be one non-blank line,"
                    + " got '" + ticketLine + "'");
        }
        if (signOff == null || signOff.isBlank() || signOff.strip().contains("\n\n")) {
            throw new IllegalArgumentException("style '" + name + "': sign-off must be non-blank without blank lines");
        }
        signOff = signOff.strip();
    }

    /** The full reply text in this style. */
    public String render(ReplyContent content, int ticketNumber) {
        StringBuilder text = new StringBuilder(greeting.replace(NAME_SLOT, content.firstName())).append("\n\n");
        if (ticketLine != null) {
            text.append(ticketLine.replace(TICKET_SLOT, Integer.toString(ticketNumber))).append("\n\n");
        }
        return text.append(content.body()).append("\n\n").append(signOff).append('\n').toString();
    }

    /** Splits a reply written in this style back into its content; a reply in another shape is an error saying why. */
    public ReplyContent parse(String reply) {
        List<String> blocks = new ArrayList<>();
        for (String block : reply.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            blocks.add(block.strip());
        }
        int first = ticketLine == null ? 1 : 2;
        if (blocks.size() < first + 2) {
            throw new IllegalArgumentException("reply has " + blocks.size() + " blocks, too few for style '" + name + "'");
        }
        var greetingMatch = Pattern.compile(greetingPattern("(" + NAME_PATTERN + ")")).matcher(blocks.getFirst());
        if (!greetingMatch.matches()) {
            throw new IllegalArgumentException("reply does not open with the greeting of style '" + name + "': '"
                    + blocks.getFirst() + "'");
        }
        if (ticketLine != null && !ticketPattern().matcher(blocks.get(1)).matches()) {
            throw new IllegalArgumentException("reply lacks the ticket line of style '" + name + "': '" + blocks.get(1) + "'");
        }
        if (!blocks.getLast().equals(signOff)) {
            throw new IllegalArgumentException("reply does not end with the sign-off of style '" + name + "'");
        }
        return new ReplyContent(greetingMatch.group(1), blocks.subList(first, blocks.size() - 1));
    }

    /** {@code reply}, written in style {@code from}, rewritten in this style with the given ticket number. */
    public String restyle(String reply, HouseStyle from, int ticketNumber) {
        return render(from.parse(reply), ticketNumber);
    }

    /** The rules a compliant text follows: greeting, the ticket line if this style has one, sign-off. */
    public List<StyleRule> rules() {
        List<StyleRule> rules = new ArrayList<>();
        rules.add(new StyleRule.Greeting(Pattern.compile(greetingPattern(NAME_PATTERN))));
        if (ticketLine != null) {
            rules.add(new StyleRule.TicketReference(ticketPattern()));
        }
        rules.add(new StyleRule.SignOff(signOff.lines().map(String::strip).toList()));
        return rules;
    }

    /** Checks {@code text} against every rule of this style. */
    public StyleVerdict compliance(String text) {
        List<String> failed = new ArrayList<>();
        for (StyleRule rule : rules()) {
            if (!rule.holds(text)) {
                failed.add(rule.name());
            }
        }
        return new StyleVerdict(name, failed);
    }

    /** The share of {@code texts} that comply, in [0, 1]; the loop test's style-compliance figure. */
    public double complianceRate(Collection<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("compliance rate of no texts is undefined");
        }
        return (double) texts.stream().filter(t -> compliance(t).passed()).count() / texts.size();
    }

    private String greetingPattern(String nameGroup) {
        int at = greeting.indexOf(NAME_SLOT);
        return Pattern.quote(greeting.substring(0, at)) + nameGroup + Pattern.quote(greeting.substring(at + NAME_SLOT.length()));
    }

    private Pattern ticketPattern() {
        int at = ticketLine.indexOf(TICKET_SLOT);
        if (at < 0) {
            return Pattern.compile(Pattern.quote(ticketLine));
        }
        return Pattern.compile(Pattern.quote(ticketLine.substring(0, at)) + "\\d+"
                + Pattern.quote(ticketLine.substring(at + TICKET_SLOT.length())));
    }
}
