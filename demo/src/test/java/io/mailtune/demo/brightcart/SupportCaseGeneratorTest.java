package io.mailtune.demo.brightcart;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportCaseGeneratorTest {

    private static final SupportCaseGenerator GENERATOR = SupportCaseGenerator.demo();
    private static final List<SupportCase> TRAINING = GENERATOR.generate(DemoSeeds.TRAINING, 500);

    private static long randomSeed(String test) {
        long seed = ThreadLocalRandom.current().nextLong();
        System.out.println(test + " seed " + seed);
        return seed;
    }

    @Test
    void theSameSeedGivesIdenticalCases() {
        long seed = randomSeed("theSameSeedGivesIdenticalCases");
        assertEquals(GENERATOR.generate(seed, 200), SupportCaseGenerator.demo().generate(seed, 200), "seed " + seed);
    }

    @Test
    void differentSeedsGiveDifferentCases() {
        long seed = randomSeed("differentSeedsGiveDifferentCases");
        List<SupportCase> a = GENERATOR.generate(seed, 50);
        List<SupportCase> b = GENERATOR.generate(seed + 1, 50);
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).body().equals(b.get(i).body()) ? 1 : 0;
        }
        assertEquals(0, same, "seed " + seed);
    }

    @Test
    void aLongerListExtendsAShorterOne() {
        assertEquals(TRAINING.subList(0, 100), GENERATOR.generate(DemoSeeds.TRAINING, 100));
    }

    @Test
    void theHoldoutSeedSharesNoEmailWithTheTrainingSeed() {
        Set<String> training = TRAINING.stream().map(c -> c.subject() + "\n" + c.body()).collect(Collectors.toSet());
        long shared = GENERATOR.generate(DemoSeeds.HOLDOUT, 500).stream()
                .filter(c -> training.contains(c.subject() + "\n" + c.body())).count();
        assertTrue(shared <= 2, shared + " held-out emails also occur in training");
    }

    @Test
    void fiveHundredCasesHaveVariedSubjectsBodiesAndNames() {
        assertTrue(TRAINING.stream().map(SupportCase::subject).distinct().count() >= 300, "distinct subjects");
        assertTrue(TRAINING.stream().map(SupportCase::body).distinct().count() >= 495, "distinct bodies");
        assertTrue(TRAINING.stream().map(SupportCase::customerName).distinct().count() >= 300, "distinct names");
    }

    @Test
    void everyArticleIsCitedWithinAThousandCases() {
        Set<String> cited = new HashSet<>();
        GENERATOR.generate(DemoSeeds.TRAINING, 1000).forEach(c -> cited.addAll(c.articleIds()));
        assertEquals(new HashSet<>(GENERATOR.knowledgeBase().ids()), cited);
    }

    @Test
    void kindsOccurNearTheirConfiguredWeights() {
        Map<CaseKind, Long> counts = TRAINING.stream().collect(Collectors.groupingBy(SupportCase::kind, Collectors.counting()));
        GeneratorSettings.defaults().kindWeights().forEach((kind, weight) -> {
            double share = counts.getOrDefault(kind, 0L) / (double) TRAINING.size();
            assertTrue(Math.abs(share - weight) < 0.06, kind + " share " + share + " vs weight " + weight);
        });
    }

    @Test
    void everyAnsweredGoldReplyContainsEachCitedKeyInstructionVerbatim() {
        for (SupportCase c : TRAINING) {
            for (String id : c.articleIds()) {
                String instruction = GENERATOR.knowledgeBase().article(id).keyInstruction();
                assertTrue(c.goldReply().contains(instruction), c.caseId() + " lacks the key instruction of " + id);
            }
        }
    }

    @Test
    void handOffCasesCiteNoArticleAndPromiseAColleague() {
        List<SupportCase> handOffs = TRAINING.stream().filter(SupportCase::isHandOff).toList();
        assertTrue(handOffs.size() >= 20, "hand-offs: " + handOffs.size());
        for (SupportCase c : handOffs) {
            assertTrue(c.articleIds().isEmpty(), c.caseId());
            assertTrue(c.goldReply().contains("a colleague who will follow up"), c.caseId());
            GENERATOR.knowledgeBase().articles().forEach(a ->
                    assertTrue(!c.goldReply().contains(a.keyInstruction()), c.caseId() + " quotes " + a.id()));
        }
    }

    @Test
    void goldRepliesGreetTheCustomerByFirstNameAndUseTheDefaultStyle() {
        for (SupportCase c : TRAINING) {
            assertTrue(c.goldReply().startsWith("Hi " + c.firstName() + ",\n\n"), c.caseId());
            assertTrue(HouseStyle.DEFAULT.compliance(c.goldReply()).passed(), c.caseId());
        }
    }

    @Test
    void goldRepliesStayShortEnoughForASmallModel() {
        for (SupportCase c : TRAINING) {
            int words = c.goldReply().split("\\s+").length;
            assertTrue(words >= 40 && words <= 120, c.caseId() + " gold reply has " + words + " words");
        }
    }

    @Test
    void multiQuestionEmailsCiteTwoOrMoreDistinctArticles() {
        List<SupportCase> multi = TRAINING.stream().filter(c -> c.kind() == CaseKind.MULTI_QUESTION).toList();
        assertTrue(multi.size() >= 40, "multi-question cases: " + multi.size());
        for (SupportCase c : multi) {
            assertTrue(c.articleIds().size() >= 2 && new HashSet<>(c.articleIds()).size() == c.articleIds().size(), c.caseId());
        }
    }

    @Test
    void threeQuestionsPerEmailAppearOnlyWhenAllowed() {
        EnumMap<CaseKind, Double> onlyMulti = new EnumMap<>(Map.of(CaseKind.MULTI_QUESTION, 1.0));
        SupportCaseGenerator three = SupportCaseGenerator.demo(GeneratorSettings.defaults()
                .withKindWeights(onlyMulti).withMaxQuestions(3));
        assertTrue(three.generate(7, 100).stream().anyMatch(c -> c.articleIds().size() == 3));
        SupportCaseGenerator two = SupportCaseGenerator.demo(GeneratorSettings.defaults().withKindWeights(onlyMulti));
        assertTrue(two.generate(7, 100).stream().allMatch(c -> c.articleIds().size() == 2));
    }

    @Test
    void followUpsQuoteOurEarlierReplyAndAnswerOnlyTheNewQuestion() {
        List<SupportCase> followUps = TRAINING.stream().filter(c -> c.kind() == CaseKind.FOLLOW_UP).toList();
        assertTrue(followUps.size() >= 20, "follow-ups: " + followUps.size());
        for (SupportCase c : followUps) {
            assertTrue(c.subject().startsWith("Re: "), c.caseId());
            assertTrue(c.body().contains("Brightcart Support <support@brightcart.example> wrote:\n> Hi " + c.firstName()), c.caseId());
            assertEquals(1, c.articleIds().size(), c.caseId());
            assertTrue(c.goldReply().contains("Thanks for following up about"), c.caseId());
        }
    }

    @Test
    void theCustomersTextOfAFollowUpIsItsNewQuestionWithoutTheQuotedReply() {
        for (SupportCase c : TRAINING) {
            String text = c.customerText();
            assertFalse(text.contains("wrote:") || text.lines().anyMatch(l -> l.startsWith(">")), c.caseId() + ": " + text);
            assertTrue(c.body().startsWith(text), c.caseId());
            if (c.kind() != CaseKind.FOLLOW_UP) {
                assertEquals(c.body().strip(), text, c.caseId());
            } else {
                assertTrue(text.length() < c.body().length() / 2 + 200, c.caseId());
            }
        }
    }

    @Test
    void angryCustomersGetAnApologyBeforeTheAnswer() {
        List<SupportCase> angry = TRAINING.stream().filter(c -> c.kind() == CaseKind.ANGRY).toList();
        assertTrue(angry.size() >= 40, "angry cases: " + angry.size());
        for (SupportCase c : angry) {
            String reply = c.goldReply();
            String instruction = GENERATOR.knowledgeBase().article(c.articleIds().getFirst()).keyInstruction();
            assertTrue(reply.indexOf("I understand how frustrating this is.") < reply.indexOf(instruction), c.caseId());
        }
    }

    @Test
    void theTypoRateChangesTheCustomersWordingAndNothingElse() {
        SupportCaseGenerator clean = SupportCaseGenerator.demo(GeneratorSettings.defaults().withTypoRate(0.0));
        SupportCaseGenerator noisy = SupportCaseGenerator.demo(GeneratorSettings.defaults().withTypoRate(0.2));
        List<SupportCase> a = clean.generate(11, 200);
        List<SupportCase> b = noisy.generate(11, 200);
        int differing = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).articleIds(), b.get(i).articleIds());
            assertEquals(a.get(i).goldReply(), b.get(i).goldReply());
            assertEquals(a.get(i).subject(), b.get(i).subject());
            assertEquals(a.get(i).body().split("\\P{L}+").length, b.get(i).body().split("\\P{L}+").length, a.get(i).caseId());
            differing += a.get(i).body().equals(b.get(i).body()) ? 0 : 1;
        }
        assertTrue(differing >= 170, differing + " of 200 bodies got typos at rate 0.2");
    }

    @Test
    void theDefaultTypoRateMarksAboutAThirdOfTheEmails() {
        SupportCaseGenerator clean = SupportCaseGenerator.demo(GeneratorSettings.defaults().withTypoRate(0.0));
        List<SupportCase> a = clean.generate(DemoSeeds.TRAINING, 500);
        long differing = 0;
        for (int i = 0; i < a.size(); i++) {
            differing += a.get(i).body().equals(TRAINING.get(i).body()) ? 0 : 1;
        }
        assertTrue(differing >= 100 && differing <= 250, differing + " of 500 emails carry a typo at the default rate");
    }

    @Test
    void caseIdsNameSeedAndIndex() {
        assertEquals("demo-" + DemoSeeds.TRAINING + "-7", TRAINING.get(7).caseId());
        assertNotEquals(TRAINING.get(7).ticketNumber(), TRAINING.get(8).ticketNumber());
    }

    @Test
    void aNegativeCountOrIndexIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.generate(1, -1));
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.caseAt(1, -1));
    }

    @Test
    void aFollowUpComesFromTheSameCustomerInTheSameThreadAndQuotesTheReplyItAnswers() {
        SupportCase earlier = GENERATOR.caseAt(DemoSeeds.HOLDOUT, 0);
        String reply = "Hi " + earlier.firstName() + ",\nyour refund is on its way.\nBest regards,\nBrightcart Support";
        SupportCase followUp = GENERATOR.followUp(DemoSeeds.HOLDOUT, 1, earlier, reply);
        assertEquals(earlier.customerEmail(), followUp.customerEmail());
        assertEquals("Re: " + earlier.subject(), followUp.subject());
        assertTrue(followUp.body().contains("> your refund is on its way."), followUp.body());
        assertEquals(CaseKind.FOLLOW_UP, followUp.kind());
        assertEquals(followUp, GENERATOR.followUp(DemoSeeds.HOLDOUT, 1, earlier, reply), "deterministic");
        assertThrows(IllegalArgumentException.class, () -> GENERATOR.followUp(DemoSeeds.HOLDOUT, 1, earlier, " "));
    }
}
