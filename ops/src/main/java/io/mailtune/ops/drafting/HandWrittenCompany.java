package io.mailtune.ops.drafting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailtune.demo.recipe.DraftExample;
import io.mailtune.demo.recipe.GroundedExamples;
import io.mailtune.demo.synthetic.CompanyIndex;
import io.mailtune.ingest.reply.ReplyText;
import io.mailtune.model.draft.CompanyProfile;
import io.mailtune.model.draft.CustomerMessage;
import io.mailtune.model.draft.DraftInput;
import io.mailtune.model.draft.Passage;
import io.mailtune.retrieval.encode.SentenceEncoder;
import io.mailtune.retrieval.search.KnowledgeBase;
import io.mailtune.retrieval.search.SearchFilters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A hand-written evaluation company ({@code ops/drafting-eval/<company>}: {@code company.json}, {@code kb/*.md},
 * {@code emails.json}; see that folder's README), with the project's hybrid retrieval over its knowledge base.
 * Articles marked {@code visibility: internal} are indexed (as a help-centre export would be) and their passages
 * marked internal, so the draft input drops them; their texts are kept to check that no draft leaks them.
 *
 * @param folder        where it was read from
 * @param split         {@code development} or {@code test}
 * @param profile       the company's voice
 * @param internalTexts the text of each internal article
 * @param examples      one per email, with retrieved passages
 */
public record HandWrittenCompany(Path folder, String split, CompanyProfile profile, List<String> internalTexts,
                                 List<DraftExample> examples) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the company and retrieves passages for every email (index under {@code work}). */
    public static HandWrittenCompany load(Path folder, Path work, SentenceEncoder encoder) {
        try {
            JsonNode company = JSON.readTree(folder.resolve("company.json").toFile());
            CompanyProfile profile = new CompanyProfile(company.path("name").asText(), company.path("signature").asText(""),
                    company.path("tone").asText(""), company.path("language").asText("en"),
                    company.path("handoff_text").asText(null));
            Set<String> internal = new LinkedHashSet<>();
            List<String> internalTexts = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder.resolve("kb"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    String text = Files.readString(f);
                    if (text.lines().anyMatch(l -> l.strip().matches("visibility:\\s*internal"))) {
                        internal.add(f.getFileName().toString().replaceFirst("\\.md$", ""));
                        internalTexts.add(text);
                    }
                }
            }
            List<DraftExample> examples = new ArrayList<>();
            Path indexDir = work.resolve(folder.getFileName().toString());
            try (KnowledgeBase kb = KnowledgeBase.open(indexDir.resolve("index"), encoder)) {
                kb.indexFolder(folder.resolve("kb"), folder.getFileName().toString());
                for (JsonNode e : JSON.readTree(folder.resolve("emails.json").toFile())) {
                    // The customer's own words, as ingest gives them to the agent: quoted history and signature cut.
                    String subject = e.path("subject").asText("");
                    String body = ReplyText.read(e.path("body").asText(""), subject, e.path("from_name").asText("")).text();
                    CustomerMessage email = CustomerMessage.of(e.path("from_name").asText(""), e.path("from_address").asText(),
                            subject, body);
                    List<Passage> passages = CompanyIndex.draftPassages(
                            kb.searchForDraft(GroundedExamples.query(email), GroundedExamples.questions(email), SearchFilters.NONE,
                                    GroundedExamples.PASSAGES),
                            internal);
                    List<String> keys = new ArrayList<>();
                    e.path("key_instructions").forEach(k -> keys.add(k.path("text").asText()));
                    String reference = e.path("reference_reply").asText();
                    examples.add(new DraftExample(e.path("id").asText(), new DraftInput(profile, email, List.of(), passages),
                            reference, reference, e.path("handoff").asBoolean() ? List.of() : keys, e.path("handoff").asBoolean()));
                }
            }
            return new HandWrittenCompany(folder, company.path("split").asText(""), profile, internalTexts, examples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation company in " + folder, e);
        }
    }
}
