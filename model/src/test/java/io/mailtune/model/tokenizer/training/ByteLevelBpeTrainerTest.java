package io.mailtune.model.tokenizer.training;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ByteLevelBpeTrainerTest {

    private static final List<String> SPECIAL = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
    private static final List<String> CORPUS = corpus();

    @TempDir
    static Path dir;
    static TrainedTokenizer trained;
    static HuggingFaceTokenizer tokenizer;

    @BeforeAll
    static void trainAndLoad() throws Exception {
        trained = new ByteLevelBpeTrainer(600, SPECIAL, 2).train(CORPUS);
        trained.writeTo(dir);
        tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"));
    }

    @Test
    void huggingFaceTokenizersLoadsTheFileAndRoundTripsAnyText() {
        for (String text : List.of("Hi Ann, your refund is on its way!", "Ünïcödé ✓ 日本語 and emoji 📦", "  double  spaces\n\nand tabs\t.")) {
            long[] ids = tokenizer.encode(text, false, false).getIds();
            assertEquals(text, tokenizer.decode(ids, false), "byte-level BPE is lossless");
        }
    }

    @Test
    void specialTokensKeepTheFirstIdsAndAreNeverSplit() {
        Encoding encoding = tokenizer.encode("<|im_start|>user\nhello<|im_end|>", false, false);
        assertEquals(1, encoding.getIds()[0]);
        assertEquals(2, encoding.getIds()[encoding.getIds().length - 1]);
        assertEquals(0, trained.vocab().get("<|endoftext|>"));
    }

    @Test
    void learntMergesCompressFrequentWords() {
        String text = "Your refund has been processed and your parcel has shipped.";
        int tokens = tokenizer.encode(text, false, false).getIds().length;
        assertTrue(tokens < text.length() / 3, tokens + " tokens for " + text.length() + " characters");
    }

    @Test
    void fillsTheRequestedVocabularyWhenTheCorpusAllowsIt() {
        assertEquals(300, new ByteLevelBpeTrainer(300, SPECIAL, 2).train(CORPUS).size());
    }

    @Test
    void stopsWhenNoPairIsFrequentEnoughLeavingEveryWordOneToken() {
        assertTrue(trained.size() < 600, "the small corpus runs out of pairs before 600: " + trained.size());
        assertEquals(1, tokenizer.encode(" subscription", false, false).getIds().length);
    }

    @Test
    void theSameCorpusGivesAnIdenticalFile(@TempDir Path other) throws Exception {
        new ByteLevelBpeTrainer(600, SPECIAL, 2).train(CORPUS).writeTo(other);
        assertArrayEquals(Files.readAllBytes(dir.resolve("tokenizer.json")), Files.readAllBytes(other.resolve("tokenizer.json")));
    }

    @Test
    void aVocabularyTooSmallForTheByteAlphabetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ByteLevelBpeTrainer(100, SPECIAL, 2));
        assertEquals("vocabSize 100 is below the 256 byte symbols plus 3 special tokens", e.getMessage());
    }

    private static List<String> corpus() {
        String[] names = {"Ann", "Bob", "Chen", "Dana", "Emeka", "Fatima"};
        String[] topics = {"refund", "parcel", "invoice", "password", "subscription", "return label"};
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = names[random.nextInt(names.length)], topic = topics[random.nextInt(topics.length)];
            texts.add("Hi " + name + ", thanks for asking about your " + topic + ". Your " + topic
                    + " has been processed and you will hear from us within 3 days. Kind regards, the support team");
        }
        return texts;
    }
}
