package io.mailtune.agent.drafting;

import io.mailtune.agent.config.ModelSettings;
import io.mailtune.agent.config.StorageSettings;
import io.mailtune.model.bundled.BundledModel;
import io.mailtune.model.draft.DraftFormats;
import io.mailtune.model.draft.DraftSettings;
import io.mailtune.model.draft.Drafter;
import io.mailtune.model.runtime.AdapterHandle;
import io.mailtune.model.runtime.Generator;
import io.mailtune.model.runtime.GeneratorOptions;
import io.mailtune.model.runtime.LanguageModel;
import io.mailtune.model.runtime.SamplingOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * The base model, its adapter handle and the one shared generator every draft runs on (continuous batching: concurrent
 * drafts are decoded together).
 */
@Startup
@ApplicationScoped
public class ModelHost {

    private static final Logger LOG = Logger.getLogger(ModelHost.class);

    private final ModelSettings settings;
    private final StorageSettings storage;
    private LanguageModel model;
    private AdapterHandle adapters;
    private Generator generator;
    private Drafter drafter;
    private String baseModel;

    ModelHost(ModelSettings settings, StorageSettings storage) {
        this.settings = settings;
        this.storage = storage;
    }

    @PostConstruct
    void start() {
        Path dir = settings.dir().orElseGet(() -> BundledModel.extractTo(storage.dataDir().resolve("models")));
        long start = System.nanoTime();
        model = LanguageModel.load(dir);
        // The bundled model has one name everywhere, so the trainer's adapters for it are accepted on defaults.
        baseModel = settings.name().orElse(settings.dir().isPresent() ? dir.getFileName().toString() : BundledModel.NAME);
        adapters = new AdapterHandle(model);
        generator = new Generator(model, adapters, new GeneratorOptions(settings.maxBatch(), settings.maxQueued(), 2048));
        int context = model.transformer().maxContext();
        if (settings.maxNewTokens() >= context - 16) {
            throw new IllegalStateException("mailtune.model.max-new-tokens=" + settings.maxNewTokens()
                    + " leaves no room for a prompt in the model's context of " + context + " tokens");
        }
        int promptTokens = settings.maxPromptTokens() > 0 ? settings.maxPromptTokens() : context - settings.maxNewTokens();
        drafter = new Drafter(generator, model.tokenizer().orElseThrow(() -> new IllegalStateException(
                "the model at " + dir + " has no tokenizer.json; the agent needs one to draft")), DraftFormats.forModel(model),
                new DraftSettings(settings.maxNewTokens(), promptTokens, SamplingOptions.greedy()));
        LOG.infof("model %s loaded from %s in %d ms (%,d parameters, context %d)", baseModel, dir,
                (System.nanoTime() - start) / 1_000_000, model.parameterCount(), context);
    }

    /** Writes drafts on the shared generator. */
    public Drafter drafter() {
        return drafter;
    }

    /** The adapter new drafts get, swapped without restart. */
    public AdapterHandle adapters() {
        return adapters;
    }

    /** The loaded model (its config names the layers an adapter must fit). */
    public LanguageModel model() {
        return model;
    }

    /** The base model's name, which promoted adapters must be trained on. */
    public String baseModel() {
        return baseModel;
    }

    @PreDestroy
    void stop() {
        if (generator != null) {
            generator.close();
        }
        if (model != null) {
            model.close();
        }
    }
}
