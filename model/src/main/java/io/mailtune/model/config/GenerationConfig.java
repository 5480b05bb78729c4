package io.mailtune.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * HF's {@code generation_config.json}: the ids a checkpoint's authors stop generation on (often more than
 * {@code config.json} lists: Qwen2.5-Instruct adds {@code <|endoftext|>}, Llama 3.2 {@code <|eom_id|>} and
 * {@code <|eot_id|>}) and their sampling defaults, which are reported, not applied (a request's
 * {@code SamplingOptions} decide).
 *
 * @param present          whether the file exists
 * @param eosTokenIds      {@code eos_token_id}, an int or a list in the file
 * @param bosTokenId       {@code bos_token_id}, or -1
 * @param samplingDefaults {@code do_sample}, {@code temperature}, {@code top_k}, {@code top_p},
 *                         {@code repetition_penalty} as written, in name order
 */
public record GenerationConfig(boolean present, List<Integer> eosTokenIds, int bosTokenId,
                               Map<String, String> samplingDefaults) {

    /** The file name inside a checkpoint directory. */
    public static final String FILE = "generation_config.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SAMPLING = List.of("do_sample", "temperature", "top_k", "top_p",
            "repetition_penalty");

    /** Copies the parts. */
    public GenerationConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        samplingDefaults = Collections.unmodifiableMap(new TreeMap<>(samplingDefaults));
    }

    /** Reads {@code generation_config.json} from a checkpoint directory; absent means no extra stop ids. */
    public static GenerationConfig read(Path checkpointDir) {
        Path file = checkpointDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new GenerationConfig(false, List.of(), -1, Map.of());
        }
        JsonNode c;
        try {
            c = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UnsupportedModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode eos = c.path("eos_token_id");
        List<Integer> ids = new ArrayList<>();
        if (eos.isIntegralNumber()) {
            ids.add(eos.asInt());
        } else if (eos.isArray()) {
            for (JsonNode n : eos) {
                if (!n.isIntegralNumber()) {
                    throw new UnsupportedModelException(file + ": eos_token_id must be an integer or a list of "
                            + "integers, found " + eos);
                }
                ids.add(n.asInt());
            }
        } else if (!eos.isMissingNode() && !eos.isNull()) {
            throw new UnsupportedModelException(file + ": eos_token_id must be an integer or a list of integers, "
                    + "found " + eos);
        }
        Map<String, String> sampling = new TreeMap<>();
        for (String key : SAMPLING) {
            if (c.hasNonNull(key)) {
                sampling.put(key, c.get(key).asText());
            }
        }
        return new GenerationConfig(true, ids, c.path("bos_token_id").isIntegralNumber()
                ? c.get("bos_token_id").asInt() : -1, sampling);
    }

    /** The ids that end generation for this checkpoint: {@code config.json}'s EOS ids, then this file's. */
    public Set<Integer> stopTokens(ModelConfig model) {
        Set<Integer> stops = new LinkedHashSet<>(model.eosTokenIds());
        stops.addAll(eosTokenIds);
        return stops;
    }
}
