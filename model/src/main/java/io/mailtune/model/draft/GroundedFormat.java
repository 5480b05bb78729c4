package io.mailtune.model.draft;

import io.mailtune.core.reply.ThreadTurn;
import io.mailtune.model.tokenizer.ChatMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grounded format: the model writes the reply's words, and everything that must be exact reaches the reply
 * through a slot the renderer fills verbatim, so a model cannot invent it.
 *
 * <p>The prompt lists the retrieved articles with how well each matches the email ({@link MatchStrength}, from the
 * passage's vector similarity and the format's calibrated thresholds) and their quotable sentences, numbered by
 * lexical overlap with the email (1 = best). The model answers with text and slots:
 * {@code {name}} (the customer's name from the email, {@link GreetingName}), {@code {company}} (the profile's name),
 * {@code {signature}} (the profile's sign-off block), {@code {handoff}} (the profile's hand-off sentence), and
 * {@code {N}} (source sentence N, word for word; a run of quotes is put back in reading order, list items on lines
 * of their own). The renderer checks the model's own words: a sentence holding a digit, a menu path, an address or
 * a capitalised word that appears nowhere in the prompt is dropped, so numbers, paths, names and products can only
 * come from the sources. A reply that quotes nothing is a hand-off.
 */
public final class GroundedFormat implements DraftFormat {

    /** The value of {@value DraftFormats#CONFIG_KEY} in a checkpoint trained on this format. */
    public static final String ID = "grounded-1";

    /** The most source sentences a prompt lists besides those of the first passage's article the plan quotes. */
    public static final int MAX_SOURCES = 12;

    private static final Pattern SLOT = Pattern.compile("\\{(name|company|signature|handoff|\\d{1,3})}");
    private static final Pattern QUOTE_RUN = Pattern.compile("\\{\\d{1,3}}(?:[ \\t]*\\{\\d{1,3}})*");
    // A run of quotes across lines, as a rendered reply's list items and rows become in a target.
    static final Pattern QUOTE_BLOCK = Pattern.compile("\\{\\d{1,3}}(?:[ \\t]*\\n?[ \\t]*\\{\\d{1,3}})*");
    private static final Pattern MARKER_LINE = Pattern.compile("(?m)^[ \\t]*(?:[-*+•]|\\d{1,3}[.)])[ \\t]+(?=\\{\\d)");
    private static final Pattern UNSAFE = Pattern.compile("\\p{N}|[>→›]|@|https?:|www\\.|\\{|}");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^(?:best|kind|warm|many)? ?(?:regards|wishes|thanks|cheers|sincerely|best|talk soon|yours)[^\\n]{0,20},?\\n",
            Pattern.CASE_INSENSITIVE);
    // "… about <topic>." up to the sentence's end; the topic is checked against the email.
    private static final Pattern TOPIC_CLAUSE = Pattern.compile("(?i)\\s+(?:about|with your)\\s+([^.!?\\n]+)");
    private static final Pattern TOPIC_WORD = Pattern.compile("\\p{L}{4,}");
    // Words of a topic phrase that name no topic.
    private static final Set<String> TOPIC_FILLER = Set.of("your", "this", "that", "these", "those", "with", "from",
            "order", "account", "question", "questions", "issue", "problem", "request", "message", "email");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}\\p{N}'’-]*");
    // Capitalised words a reply may use without a source: the pronoun and the words of team names and sign-offs.
    private static final Set<String> ALWAYS_ALLOWED = Set.of("I", "I'm", "I’m", "I've", "I’ve", "I'll", "I’ll", "I'd", "I’d",
            "OK", "Team", "Support", "Care", "Customer", "Customers", "Service", "Services", "Help", "Desk", "Centre",
            "Center", "Success", "Crew", "Regards", "Thanks", "Best", "Kind", "Warm", "Many");

    /** Who decides whether to answer and what to quote. */
    public enum Planning {
        /** The model's output alone: its quotes, and a hand-off when it writes one or quotes nothing. */
        MODEL,
        /** The {@link AnswerPlan}: hand-off by the best article's match, the quotes by the ranking around the model's. */
        CALIBRATED
    }

    private final Planning planning;

    /** The grounded format with the calibrated {@link AnswerPlan}. */
    public GroundedFormat() {
        this(Planning.CALIBRATED);
    }

    /** The grounded format with the given planning ({@link Planning#MODEL} shows what the model alone would draft). */
    public GroundedFormat(Planning planning) {
        if (planning == null) {
            throw new IllegalArgumentException("planning must not be null");
        }
        this.planning = planning;
    }

    private static final String INSTRUCTIONS = "You write {company}'s reply to the customer's email below. Use your own"
            + " words for greeting, thanks and closing, and take every fact from the sources: write {N} to quote source"
            + " sentence N word for word, {name} for the customer's name, {company} for the company's name, {signature}"
            + " for its sign-off, and {handoff} to pass the email to a colleague when no source answers it. Never write"
            + " a number, name, product or menu path yourself.";

    @Override
    public List<ChatMessage> prompt(DraftInput input, PromptBudget budget) {
        return build(input, budget).messages();
    }

    /** A prompt and the sources it lists. */
    private record Built(List<ChatMessage> messages, List<SourceSentence> listed) {
    }

    private Built build(DraftInput input, PromptBudget budget) {
        List<SourceSentence> sources = new ArrayList<>(sources(input));
        List<ThreadTurn> history = new ArrayList<>(input.history());
        String text = input.email().text();
        while (true) {
            String system = system(input, sources, history);
            String user = email(input.email(), text);
            if (budget.count(system) + budget.count(user) + 16 <= budget.maxTokens()) {
                return new Built(List.of(ChatMessage.system(system), ChatMessage.user(user)), sources);
            }
            if (!history.isEmpty()) {
                history.removeFirst();       // the oldest turns matter least
            } else if (sources.size() > 3) {
                sources.removeLast();        // then the weakest sources
            } else if (text.length() > 40) {
                text = text.substring(0, (int) (text.length() * 0.8));  // the question usually comes first
            } else {
                return new Built(List.of(ChatMessage.system(system), ChatMessage.user(user)), sources);
            }
        }
    }

    /**
     * The numbered source sentences a prompt for {@code input} offers (before any trimming to a budget), best first
     * and labelled 1..n: the sentences the {@link AnswerPlan} quotes (the first passage's opening ones, its article's
     * other sections' best, each email sentence's answer, the earlier steps of a quoted step), then the best-ranked of
     * the rest up to {@value #MAX_SOURCES} in all.
     */
    public List<SourceSentence> sources(DraftInput input) {
        List<SourceSentence> ranked = candidates(input);
        Set<SourceSentence> listed = new LinkedHashSet<>(AnswerPlan.listed(input, ranked));
        for (SourceSentence s : ranked) {
            if (listed.size() >= MAX_SOURCES) {
                break;
            }
            listed.add(s);
        }
        List<SourceSentence> byRank = listed.stream().sorted(Comparator.comparingInt(SourceSentence::label)).toList();
        List<SourceSentence> out = new ArrayList<>(byRank.size());
        for (SourceSentence s : byRank) {
            out.add(new SourceSentence(out.size() + 1, s.passage(), s.position(), s.marker(), s.text(), s.overlap(), s.features()));
        }
        return out;
    }

    /** Every quotable sentence of the input's passages, ranked best first (the prompt lists the first {@value #MAX_SOURCES}). */
    public List<SourceSentence> candidates(DraftInput input) {
        return SourceSentences.ranked(input);
    }

    @Override
    public RenderedDraft render(DraftInput input, String modelOutput) {
        return render(input, modelOutput, sources(input));
    }

    @Override
    public RenderedDraft render(DraftInput input, String modelOutput, PromptBudget budget) {
        return render(input, modelOutput, build(input, budget).listed());
    }

    /** Renders with the sources the prompt listed: the model can quote only those, and so can the plan. */
    private RenderedDraft render(DraftInput input, String output, List<SourceSentence> sources) {
        String modelOutput = NameSlot.onlyInGreeting(output);
        boolean modelHandsOff = modelOutput.contains("{handoff}") || quotedLabels(modelOutput, sources).isEmpty();
        Optional<AnswerPlan> planned = planning == Planning.MODEL ? Optional.empty()
                : AnswerPlan.of(input, sources, quotedLabels(modelOutput, sources));
        if (planned.isEmpty()) {
            return renderModel(input, modelOutput, run -> quotes(run, sources));
        }
        AnswerPlan plan = planned.get();
        if (plan.handOff() == modelHandsOff) {
            if (plan.handOff()) {
                return renderModel(input, modelOutput, run -> List.of());
            }
            // The model's words around the plan's quotes: its first run of quotes becomes the plan's, later runs go.
            boolean[] first = {true};
            return renderModel(input, modelOutput, run -> {
                boolean was = first[0];
                first[0] = false;
                return was ? plan.quotes() : List.of();
            });
        }
        return renderFrame(input, modelOutput, plan);
    }

    /** The model's output with its slots filled, each run of quotes rendered as {@code quoteRun} chooses. */
    private RenderedDraft renderModel(DraftInput input, String modelOutput,
                                      Function<String, List<SourceSentence>> quoteRun) {
        Set<String> known = knownWords(input);
        Set<Integer> citedPassages = new LinkedHashSet<>();
        Set<String> emitted = new HashSet<>();
        boolean handOffSlot = modelOutput.contains("{handoff}");
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : modelOutput.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.replaceAll(MARKER_LINE.pattern(), "").split("\n")) {
                String rendered = renderLine(input, line, quoteRun, known, citedPassages, emitted).strip();
                if (!rendered.isEmpty()) {
                    lines.add(rendered);
                }
            }
            if (!lines.isEmpty()) {
                paragraphs.add(String.join("\n", lines));
            }
        }
        signOff(input.company(), paragraphs, modelOutput.contains("{signature}"));
        boolean handOff = handOffSlot || citedPassages.isEmpty();
        if (citedPassages.isEmpty() && !handOffSlot) {
            // Grounded by construction: a reply with nothing quoted answers nothing, so it says so.
            paragraphs.add(Math.min(1, paragraphs.size()), input.company().handOffText());
        }
        List<Passage> cited = handOff && citedPassages.isEmpty() ? List.of()
                : citedPassages.stream().map(i -> input.passages().get(i)).toList();
        return new RenderedDraft(String.join("\n\n", paragraphs), handOff, cited);
    }

    /**
     * A reply in a plain frame, for when the plan overrules the model's choice to answer or hand off: the model's
     * greeting, its own lines under it and its sign-off when it wrote them, the plan's quotes or the hand-off
     * sentence between them.
     */
    private RenderedDraft renderFrame(DraftInput input, String modelOutput, AnswerPlan plan) {
        String[] modelParagraphs = modelOutput.replace("\r\n", "\n").strip().split("\n\\s*\n");
        String firstParagraph = modelParagraphs[0].strip();
        Set<String> known = knownWords(input);
        String greetingFromModel = firstParagraph.contains("{name}") && firstParagraph.length() <= 40
                && !firstParagraph.contains("{handoff}") && !QUOTE_RUN.matcher(firstParagraph).find()
                ? renderText(input, firstParagraph, known, new HashSet<>()).strip() : "";
        String greeting = greetingFromModel;
        if (greeting.isEmpty()) {
            String name = GreetingName.of(input.email());
            greeting = name.isEmpty() ? "Hi," : "Hi " + name + ",";
        }
        List<String> paragraphs = new ArrayList<>(List.of(greeting));
        if (!greetingFromModel.isEmpty()) {
            // The model's own lines under its greeting (a house style's fixed line) stay, up to its first quote or hand-off.
            for (int i = 1; i < modelParagraphs.length - 1; i++) {
                String p = modelParagraphs[i].strip();
                if (p.contains("{handoff}") || p.contains("{signature}") || QUOTE_RUN.matcher(p).find()
                        || SIGN_OFF.matcher(p + "\n").find()) {
                    break;
                }
                String own = renderText(input, p, known, new HashSet<>()).strip();
                if (!own.isEmpty()) {
                    paragraphs.add(own);
                }
            }
        }
        Set<Integer> citedPassages = new LinkedHashSet<>();
        paragraphs.add(plan.handOff() ? input.company().handOffText() : quoteText(plan.quotes(), citedPassages).strip());
        String last = modelParagraphs[modelParagraphs.length - 1].strip();
        String closing = modelParagraphs.length > 1 && !last.contains("{signature}") && !last.contains("{handoff}")
                && !QUOTE_RUN.matcher(last).find() ? renderText(input, last, known, new HashSet<>()).strip() : "";
        boolean ownSignOff = SIGN_OFF.matcher(closing + "\n").find();
        paragraphs.add(ownSignOff ? closing : "");
        signOff(input.company(), paragraphs, !ownSignOff);
        List<Passage> cited = citedPassages.stream().map(i -> input.passages().get(i)).toList();
        return new RenderedDraft(String.join("\n\n", paragraphs), plan.handOff(), cited);
    }

    /** The labels of listed sources the model output quotes. */
    private static Set<Integer> quotedLabels(String modelOutput, List<SourceSentence> sources) {
        Set<Integer> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\{(\\d{1,3})}").matcher(modelOutput);
        while (m.find()) {
            int label = Integer.parseInt(m.group(1));
            if (sources.stream().anyMatch(s -> s.label() == label)) {
                out.add(label);
            }
        }
        return out;
    }

    /**
     * The profile's signature, when it has one, is the sign-off: it takes the place of a sign-off the model wrote in
     * its own words, or is appended. Without one, a {@code {signature}} slot becomes a plain sign-off.
     */
    private static void signOff(CompanyProfile company, List<String> paragraphs, boolean slot) {
        if (company.signature().isEmpty()) {
            if (slot) {
                int at = paragraphs.indexOf("");
                String plain = "Best regards,\n" + company.name();
                if (at >= 0) {
                    paragraphs.set(at, plain);
                } else {
                    paragraphs.add(plain);
                }
            }
            paragraphs.removeIf(String::isEmpty);
            return;
        }
        paragraphs.removeIf(String::isEmpty);
        if (paragraphs.stream().anyMatch(p -> p.endsWith(company.signature()))) {
            return;  // the model's {signature} slot, on a paragraph of its own or under its last line
        }
        if (!paragraphs.isEmpty() && SIGN_OFF.matcher(paragraphs.getLast()).find()) {
            paragraphs.set(paragraphs.size() - 1, company.signature());
        } else {
            paragraphs.add(company.signature());
        }
    }

    private static String renderLine(DraftInput input, String line, Function<String, List<SourceSentence>> quoteRun,
                                     Set<String> known, Set<Integer> cited, Set<String> emitted) {
        StringBuilder out = new StringBuilder();
        Matcher run = QUOTE_RUN.matcher(line);
        int at = 0;
        while (run.find()) {
            out.append(renderText(input, line.substring(at, run.start()), known, emitted));
            out.append(quoteText(quoteRun.apply(run.group()), cited));
            at = run.end();
        }
        out.append(renderText(input, line.substring(at), known, emitted));
        return out.toString().replaceAll("[ \\t]+\n", "\n").replaceAll("[ \\t]{2,}", " ");
    }

    /** The listed sources a run of quotes names, each once. */
    private static List<SourceSentence> quotes(String run, List<SourceSentence> sources) {
        List<SourceSentence> quoted = new ArrayList<>();
        Matcher m = SLOT.matcher(run);
        while (m.find()) {
            int label = Integer.parseInt(m.group(1));
            sources.stream().filter(s -> s.label() == label).findFirst()
                    .filter(s -> !quoted.contains(s)).ifPresent(quoted::add);
        }
        return quoted;
    }

    /** Quotes in reading order: running text joined by spaces, list items and table rows on lines of their own. */
    private static String quoteText(List<SourceSentence> quotes, Set<Integer> cited) {
        List<SourceSentence> quoted = new ArrayList<>(quotes);
        quoted.sort(Comparator.comparingInt(SourceSentence::passage).thenComparingInt(SourceSentence::position));
        StringBuilder out = new StringBuilder();
        boolean afterLine = false;
        for (SourceSentence s : quoted) {
            cited.add(s.passage());
            boolean row = s.text().startsWith("|");
            if (s.listItem()) {
                out.append('\n').append(s.marker()).append(' ').append(s.text());
            } else if (row) {
                out.append(out.isEmpty() ? "" : "\n").append(s.text());
            } else {
                out.append(out.isEmpty() ? "" : afterLine ? "\n" : " ").append(s.text());
            }
            afterLine = s.listItem() || row;
        }
        return out.toString();
    }

    /** The model's own words with name, company, signature and hand-off slots filled; unverifiable sentences dropped. */
    private static String renderText(DraftInput input, String text, Set<String> known, Set<String> emitted) {
        if (text.isBlank()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (String sentence : text.split("(?<=[.!?:,;])(?=\\s)")) {
            String filled = fill(input, sentence);
            String words = SLOT.matcher(sentence).replaceAll(" ");
            // A sentence said once is enough (an undertrained model repeats its hand-off sentence).
            boolean repeated = filled.strip().length() > 20 && !emitted.add(filled.strip());
            if (verified(words, known) && !repeated) {
                out.append(withTopicFromEmail(filled, input.email()));
            }
        }
        return out.toString();
    }

    /**
     * The sentence without its "about …" or "with your …" clause when that topic is not the email's: a small model
     * thanks the customer for writing "about returning without a printer", or is sorry for "the trouble with your
     * item", from its training data, and what the email is about can only come from the email. A topic word counts
     * as the email's when a word of the email starts with its first five letters ("returning" / "return").
     */
    static String withTopicFromEmail(String sentence, CustomerMessage email) {
        Matcher about = TOPIC_CLAUSE.matcher(sentence);
        if (!about.find()) {
            return sentence;
        }
        Set<String> prefixes = new HashSet<>();
        Matcher w = TOPIC_WORD.matcher((email.subject() + " " + email.text()).toLowerCase(Locale.ROOT));
        while (w.find()) {
            prefixes.add(w.group().substring(0, Math.min(5, w.group().length())));
        }
        Matcher topic = TOPIC_WORD.matcher(about.group(1).toLowerCase(Locale.ROOT));
        while (topic.find()) {
            String word = topic.group();
            if (!TOPIC_FILLER.contains(word) && !prefixes.contains(word.substring(0, Math.min(5, word.length())))) {
                return sentence.substring(0, about.start()) + sentence.substring(about.end(1));
            }
        }
        return sentence;
    }

    private static String fill(DraftInput input, String sentence) {
        String name = GreetingName.of(input.email());
        String s = name.isEmpty() ? sentence.replaceAll("[ \\t]*\\{name}", "") : sentence.replace("{name}", name);
        return s.replace("{company}", input.company().name())
                .replace("{signature}", input.company().signature())
                .replace("{handoff}", input.company().handOffText())
                .replaceAll("\\{\\d{1,3}}", "");
    }

    private static boolean verified(String words, Set<String> known) {
        if (UNSAFE.matcher(words).find()) {
            return false;
        }
        Matcher m = CAPITALISED.matcher(words);
        boolean first = true;
        while (m.find()) {
            String w = m.group();
            boolean sentenceStart = first && words.substring(0, m.start()).isBlank();
            first = false;
            if (!sentenceStart && !ALWAYS_ALLOWED.contains(w) && !known.contains(w.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** Every word the prompt holds (lower-cased): what the model's own words may mention by name. */
    private static Set<String> knownWords(DraftInput input) {
        StringBuilder all = new StringBuilder(input.company().name()).append(' ').append(input.company().signature())
                .append(' ').append(input.company().tone()).append(' ').append(input.email().senderName()).append(' ')
                .append(input.email().subject()).append(' ').append(input.email().text());
        input.passages().forEach(p -> all.append(' ').append(p.title()).append(' ').append(p.text()));
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}'’-]+").matcher(all.toString().toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Override
    public String target(DraftInput input, String sentReply) {
        String reply = sentReply.replace("\r\n", "\n").strip();
        CompanyProfile company = input.company();
        if (!company.signature().isEmpty() && reply.endsWith(company.signature())) {
            reply = reply.substring(0, reply.length() - company.signature().length()).strip() + "\n\n{signature}";
        }
        reply = reply.replace(company.handOffText(), "{handoff}");
        List<SourceSentence> sources = new ArrayList<>(sources(input));
        sources.sort(Comparator.comparingInt((SourceSentence s) -> -s.text().length()));
        for (SourceSentence s : sources) {
            reply = Pattern.compile("(?m)(^[ \\t]*(?:[-*+•]|\\d{1,3}[.)])[ \\t]+)?" + Pattern.quote(s.text()))
                    .matcher(reply).replaceAll(Matcher.quoteReplacement("{" + s.label() + "}"));
        }
        reply = ownQuotes(input, reply);
        String name = GreetingName.of(input.email());
        int firstBreak = reply.indexOf('\n');
        String head = firstBreak < 0 ? reply : reply.substring(0, firstBreak);
        if (!name.isEmpty() && head.contains(name)) {
            reply = head.replaceFirst(Pattern.quote(name), "{name}") + (firstBreak < 0 ? "" : reply.substring(firstBreak));
        }
        return reply.replace(company.name(), "{company}");
    }

    /**
     * The model's own output with the reviewer's edit applied ({@link EditedOutput}): where staff kept the draft, the
     * model is trained on what it wrote, not on a re-encoding of what the plan and the profile made of it. Draft and
     * reply are taken as the customer gets them (with the profile's signature, which the agent strips before it
     * stores them and appends when it sends). The result must render back to the sent reply; where it does not (the
     * paragraphs did not line up, rendering dropped or added one), the target is made from the sent reply alone.
     */
    @Override
    public String target(DraftInput input, String sentReply, String draftText, String modelOutput) {
        String sent = signed(input.company(), sentReply);
        String fromSent = target(input, sent);
        if (draftText == null || draftText.isBlank() || modelOutput == null || modelOutput.isBlank()) {
            return fromSent;
        }
        String edited = EditedOutput.apply(modelOutput.strip(), target(input, signed(input.company(), draftText)), fromSent);
        return render(input, edited).text().strip().equals(sent.strip()) ? edited : fromSent;
    }

    /** {@code text} ending with the profile's signature, as the agent sends it. */
    private static String signed(CompanyProfile company, String text) {
        String t = text.replace("\r\n", "\n").strip();
        return company.signature().isEmpty() || t.endsWith(company.signature()) ? t : t + "\n\n" + company.signature();
    }

    /**
     * The target's first run of quotes as the model writes it when the answer plan renders the reply: only the labels
     * the plan would not quote by itself, or the best-ranked one when it would quote them all (the plan fills in the
     * rest, so the run renders back to the same sentences). A target holding the whole run, in reading order, teaches
     * a re-tuned model to write long label runs and to drop the quotes and words it chose itself.
     */
    private String ownQuotes(DraftInput input, String target) {
        List<SourceSentence> listed = sources(input);
        Optional<AnswerPlan> plan = planning == Planning.MODEL ? Optional.empty() : AnswerPlan.of(input, listed, Set.of());
        Matcher run = QUOTE_BLOCK.matcher(target);
        if (plan.isEmpty() || plan.get().handOff() || !run.find()) {
            return target;
        }
        Set<Integer> planned = new HashSet<>();
        plan.get().quotes().forEach(s -> planned.add(s.label()));
        List<Integer> labels = quotedLabels(run.group(), listed).stream().sorted().toList();
        if (labels.isEmpty()) {
            return target;
        }
        List<Integer> own = labels.stream().filter(l -> !planned.contains(l)).toList();
        List<Integer> kept = own.isEmpty() ? List.of(labels.getFirst()) : own;
        String written = String.join(" ", kept.stream().map(l -> "{" + l + "}").toList());
        return target.substring(0, run.start()) + written + target.substring(run.end());
    }

    @Override
    public List<String> stopStrings() {
        return List.of("<|im_end|>", "<|endoftext|>");
    }

    private static String system(DraftInput input, List<SourceSentence> sources, List<ThreadTurn> history) {
        CompanyProfile company = input.company();
        StringBuilder s = new StringBuilder(INSTRUCTIONS.replace("{company}'s", company.name() + "'s"));
        s.append("\nCompany: ").append(company.name());
        if (!company.tone().isEmpty()) {
            s.append("\nTone: ").append(company.tone());
        }
        s.append("\n\nArticles:");
        List<Passage> passages = input.passages();
        List<String> articles = passages.stream().map(Passage::articleId).distinct().toList();
        double[] similarity = SourceSentences.articleSimilarity(passages);
        if (articles.isEmpty()) {
            s.append("\nnone found");
        }
        for (int a = 0; a < articles.size(); a++) {
            int first = passages.stream().map(Passage::articleId).toList().indexOf(articles.get(a));
            s.append('\n').append(letter(a)).append(". ").append(passages.get(first).title()).append(" (")
                    .append(MatchStrength.of(similarity[first]).word()).append(')');
        }
        if (!sources.isEmpty()) {
            s.append("\n\nSources:");
            for (SourceSentence source : sources) {
                s.append("\n{").append(source.label()).append("} ")
                        .append(letter(articles.indexOf(passages.get(source.passage()).articleId()))).append(": ")
                        .append(source.text());
            }
        }
        if (!history.isEmpty()) {
            s.append("\n\nEarlier in this conversation:");
            for (ThreadTurn turn : history) {
                s.append('\n').append(turn.author() == ThreadTurn.Author.STAFF ? "Support: " : "Customer: ")
                        .append(turn.text().strip().replace("\n", " "));
            }
        }
        return s.toString();
    }

    private static String letter(int passage) {
        return passage < 26 ? String.valueOf((char) ('A' + passage)) : "P" + (passage + 1);
    }

    private static String email(CustomerMessage email, String text) {
        String from = email.senderName().isEmpty() ? "<" + email.senderAddress() + ">"
                : email.senderName() + " <" + email.senderAddress() + ">";
        StringBuilder s = new StringBuilder("From: ").append(from).append("\nSubject: ").append(email.subject())
                .append("\n\n").append(text.strip());
        for (String forwarded : email.forwarded()) {
            s.append("\n\nForwarded message:\n").append(forwarded.strip());
        }
        return s.toString();
    }
}
