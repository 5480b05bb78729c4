package io.mailtune.trainer.service;

import io.mailtune.model.bundled.BundledModel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@code mailtune.trainer.*} setting; docs/configuration.md describes each one. */
@ConfigMapping(prefix = "mailtune.trainer")
public interface TrainerConfig {

    /** Folder for the embedded database, Kafka broker, base model, adapters and run work files. */
    @WithDefault("data/trainer")
    Path dataDir();

    /** This instance's name in the training lease; the host name and a random suffix when absent. */
    Optional<String> instanceId();

    /** How long the training lease lasts without renewal (a dead instance's run is taken up after this). */
    @WithDefault("60s")
    Duration leaseTtl();

    /** How often to look for runs whose instance died. */
    @WithDefault("30s")
    Duration recoveryEvery();

    /** Admin credential for mutating endpoints. */
    Admin admin();

    /** Kafka. */
    Kafka kafka();

    /** The base model. */
    Model model();

    /** The company drafts speak for. */
    Company company();

    /** How prompts and targets are built. */
    Draft draft();

    /** Dataset rules. */
    Dataset dataset();

    /** Training hyper-parameters. */
    Training training();

    /** The gate. */
    Gate gate();

    /** Scheduled re-tuning. */
    Schedule schedule();

    /** Automatic rollback. */
    Rollback rollback();

    /** History import. */
    History history();

    /** Admin credential. */
    interface Admin {
        /** User name for HTTP Basic authentication. */
        @WithDefault("admin")
        String user();

        /** Password (or bearer token); when absent one is generated at first start into {@code <data-dir>/admin-password}. */
        Optional<String> password();
    }

    /** Kafka. */
    interface Kafka {
        /** Bootstrap servers; when absent an embedded single-node broker starts in {@code <data-dir>/kafka}. */
        Optional<String> bootstrapServers();

        /** Port of the embedded broker. */
        @WithDefault("9092")
        int embeddedPort();

        /** Consumer group of the approval and review-outcome intake. */
        @WithDefault("mailtune-trainer")
        String groupId();

        /** Partitions of new topics (the adapter topics always get one). */
        @WithDefault("3")
        int partitions();

        /** Replication factor of new topics. */
        @WithDefault("1")
        short replicationFactor();
    }

    /** The base model. */
    interface Model {
        /** A HuggingFace checkpoint directory; the bundled model when absent. */
        Optional<Path> path();

        /** The name adapters record as their base ({@code base_model_name_or_path}). */
        @WithDefault(BundledModel.NAME)
        String name();
    }

    /** The company; without a name, the demo company (as the agent does, so both build the same prompts). */
    interface Company {
        /** Name as customers know it. */
        Optional<String> name();

        /** Sign-off block. */
        Optional<String> signature();

        /** One sentence on tone. */
        Optional<String> tone();

        /** Default reply language. */
        Optional<String> language();

        /** The hand-off sentence. */
        Optional<String> handOffText();
    }

    /** Prompts and targets. */
    interface Draft {
        /** Most prompt tokens (history, then passages are trimmed to fit). */
        @WithDefault("768")
        int promptTokens();
    }

    /** Dataset rules. */
    interface Dataset {
        /** Longer replies are dropped. */
        @WithDefault("4000")
        int maxReplyChars();

        /** Reply languages taken (empty list: any). */
        @WithDefault("en")
        List<String> languages();

        /** Shorter replies are never dropped for their language. */
        @WithDefault("12")
        int minWordsForLanguage();

        /** Letters a hand-off reply needs beyond greeting, sign-off, thanks and the hand-off sentence. */
        @WithDefault("40")
        int handOffMinChars();

        /** Shingle Jaccard at which two examples are near-identical. */
        @WithDefault("0.9")
        double nearDuplicateJaccard();

        /** Share of new threads on the holdout side. */
        @WithDefault("15")
        int holdoutPercent();

        /** Edited replies weigh {@code 1 + edit-boost × edit rate}. */
        @WithDefault("2.0")
        double editBoost();

        /** Weight of replies sent exactly as drafted. */
        @WithDefault("0.3")
        double uneditedWeight();

        /** Most a run's training examples may be unedited approvals. */
        @WithDefault("0.2")
        double uneditedMaxShare();
    }

    /** Training. */
    interface Training {
        /** LoRA rank. */
        @WithDefault("8")
        int rank();

        /** lora_alpha. */
        @WithDefault("16")
        double alpha();

        /** Adapted projections. */
        @WithDefault("q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj")
        List<String> targets();

        /** Passes over the training tokens. */
        @WithDefault("3")
        double epochs();

        /** Fewest optimizer steps. */
        @WithDefault("20")
        int minSteps();

        /** Most optimizer steps. */
        @WithDefault("300")
        int maxSteps();

        /** Peak learning rate. */
        @WithDefault("5e-3")
        double learningRate();

        /** Floor of the cosine decay. */
        @WithDefault("5e-4")
        double minLearningRate();

        /** Padded tokens per micro-batch. */
        @WithDefault("4096")
        int batchTokens();

        /** Most rows per micro-batch. */
        @WithDefault("16")
        int maxBatchRows();

        /** Seed of initial factors and batch order. */
        @WithDefault("17")
        long seed();

        /** Steps between resumable checkpoints. */
        @WithDefault("10")
        int checkpointEvery();

        /** Longer examples are left out. */
        @WithDefault("1024")
        int maxSequenceTokens();

        /** Abort when a step's loss exceeds this many times the first step's. */
        @WithDefault("3.0")
        double divergenceFactor();
    }

    /** The gate. */
    interface Gate {
        /** Bootstrap resamples. */
        @WithDefault("2000")
        int resamples();

        /** Interval level. */
        @WithDefault("0.95")
        double confidence();

        /** A win needs the interval's lower end above this. */
        @WithDefault("0")
        double minImprovement();

        /** Per-metric tolerances, e.g. {@code mailtune.trainer.gate.tolerance."holdout.chrF"=2}. */
        Map<String, Double> tolerance();

        /** Tolerance of metrics not listed and not among the built-in defaults. */
        @WithDefault("0.05")
        double defaultTolerance();

        /** Most recent holdout examples evaluated. */
        @WithDefault("200")
        int maxHoldout();

        /** Most tokens per evaluation draft. */
        @WithDefault("200")
        int maxNewTokens();

        /** House-style rules, one per entry ({@code require …}, {@code match …}, {@code forbid …}). */
        Optional<List<String>> styleRules();

        /** A house-style rule file instead of inline rules. */
        Optional<Path> styleRulesFile();

        /** Regression cases from the demo company's held-out generator seed. */
        @WithDefault("40")
        int regressionCases();
    }

    /** Scheduled runs. */
    interface Schedule {
        /** Quartz cron (seconds first); {@code off} disables. Quarterly at 03:00 on the 1st by default. */
        @WithDefault("0 0 3 1 1,4,7,10 ?")
        String cron();

        /** New examples since the last run before a scheduled run is worth it. */
        @WithDefault("200")
        int minNewExamples();
    }

    /** Automatic rollback. */
    interface Rollback {
        /** Whether the watch rolls back by itself (it always records its checks). */
        @WithDefault("true")
        boolean automatic();

        /** Comparison window after (and before) a promotion. */
        @WithDefault("7d")
        Duration window();

        /** Fewest reviews on each side. */
        @WithDefault("50")
        int minSample();

        /** Significance level over both tests. */
        @WithDefault("0.01")
        double alpha();
    }

    /** History import. */
    interface History {
        /** Addresses staff replied from. */
        Optional<List<String>> supportAddresses();

        /** The mailbox name imported examples are recorded under. */
        @WithDefault("support")
        String mailbox();
    }
}
