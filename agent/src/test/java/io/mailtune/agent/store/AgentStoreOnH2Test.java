package io.mailtune.agent.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract on the embedded default: an H2 file. */
class AgentStoreOnH2Test extends AgentStoreContract {

    @TempDir
    Path dir;

    @Override
    protected String[] freshDatabase() {
        return new String[]{DatabasePool.embeddedUrl(dir.resolve("db-" + System.nanoTime())), "sa", ""};
    }
}
