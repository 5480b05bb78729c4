package io.mailtune.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The help articles drafts are grounded in. */
@ConfigMapping(prefix = "mailtune.knowledge-base")
public interface KnowledgeBaseSettings {

    /** A folder of Markdown/HTML/text articles; absent: the demo company's articles. */
    Optional<Path> folder();

    /** How often the folder is checked for changed files (re-indexed incrementally, no restart). */
    @WithDefault("30s")
    Duration reindexInterval();

    /** Passages given to the drafter per email; the default is what the bundled drafter was trained and measured with. */
    @WithDefault("5")
    int passages();

    /** Passages whose cosine similarity with the email is below this are left out; with none left the draft hands off. */
    @WithDefault("0.2")
    double minSimilarity();
}
