package io.mailtune.retrieval.search;

import io.mailtune.retrieval.encode.minilm.MiniLmEncoder;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: indexes a folder and commits, then writes uncommitted articles
 * forever, reporting progress on stdout, until the test kills it.
 */
public final class IndexingProcess {

    private IndexingProcess() {
    }

    /** Arguments: index directory, article folder. */
    public static void main(String[] args) {
        KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]), new MiniLmEncoder());
        SyncReport report = kb.indexFolder(Path.of(args[1]), "help");
        System.out.println("COMMITTED " + report.added());
        System.out.flush();
        for (int i = 0; ; i++) {
            kb.index(NearRealTimeTest.article("uncommitted-" + i, "Temporary notice number " + i + " about a courier strike."));
            System.out.println("WROTE " + i);
            System.out.flush();
        }
    }
}
