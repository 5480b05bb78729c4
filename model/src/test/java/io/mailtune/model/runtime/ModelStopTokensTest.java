package io.mailtune.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailtune.model.checkpoint.DType;
import io.mailtune.model.fixtures.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which ids end a generation when a checkpoint is loaded without its tokenizer. */
class ModelStopTokensTest {

    private static final int[] PROMPT = {1, 5, 6, 7};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // A tiny checkpoint without tokenizer.json and without any EOS id, and the tokens it generates unstopped.
    private int[] unstopped(Path checkpoint) throws Exception {
        TinyModel.write(checkpoint, TinyModel.llamaConfig(true), 3, DType.F32);
        Files.delete(checkpoint.resolve("tokenizer.json"));
        ObjectNode config = (ObjectNode) JSON.readTree(checkpoint.resolve("config.json").toFile());
        config.remove("eos_token_id");
        Files.writeString(checkpoint.resolve("config.json"), config.toString());
        GenerationResult r = generate(checkpoint, Set.of());
        assertEquals(FinishReason.MAX_TOKENS, r.reason());
        return r.tokens();
    }

    private static GenerationResult generate(Path checkpoint, Set<Integer> expectedStops) throws Exception {
        try (LanguageModel model = LanguageModel.load(checkpoint, LoadOptions.defaults().withoutTokenizer());
             Generator generator = new Generator(model, new AdapterHandle(model), GeneratorOptions.defaults())) {
            assertEquals(expectedStops, model.stopTokens());
            return generator.generate(GenerationRequest.greedy(PROMPT, 3));
        }
    }

    // The unstopped tokens up to and including the first `stop`.
    private static int[] upTo(int[] tokens, int stop) {
        int end = 0;
        while (tokens[end] != stop) {
            end++;
        }
        return Arrays.copyOf(tokens, end + 1);
    }

    @Test
    void withoutATokenizerGenerationStopsOnTheConfigsEosTokenId() throws Exception {
        Path checkpoint = dir.resolve("m");
        int[] free = unstopped(checkpoint);
        ObjectNode config = (ObjectNode) JSON.readTree(checkpoint.resolve("config.json").toFile());
        config.put("eos_token_id", free[1]);
        Files.writeString(checkpoint.resolve("config.json"), config.toString());
        GenerationResult r = generate(checkpoint, Set.of(free[1]));
        assertEquals(FinishReason.STOP_TOKEN, r.reason());
        assertArrayEquals(upTo(free, free[1]), r.tokens());
    }

    @Test
    void withoutATokenizerGenerationConfigsEosIdsStopItToo() throws Exception {
        Path checkpoint = dir.resolve("m");
        int[] free = unstopped(checkpoint);
        Files.writeString(checkpoint.resolve("generation_config.json"), "{\"eos_token_id\": [" + free[2] + "]}");
        GenerationResult r = generate(checkpoint, Set.of(free[2]));
        assertEquals(FinishReason.STOP_TOKEN, r.reason());
        assertArrayEquals(upTo(free, free[2]), r.tokens());
    }
}
