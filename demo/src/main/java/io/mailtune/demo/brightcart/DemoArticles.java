package io.mailtune.demo.brightcart;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The demo company's bundled help articles (module demo), written out as a folder so they index like any source. */
public final class DemoArticles {

    private DemoArticles() {
    }

    /** Copies every bundled article file into a folder and returns it. */
    public static Path copyTo(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String name : DemoKnowledgeBase.bundledFileNames()) {
                try (InputStream in = DemoKnowledgeBase.class.getResourceAsStream(DemoKnowledgeBase.RESOURCE_FOLDER + name)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled article " + name + " is listed in index.txt but missing");
                    }
                    Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo articles to " + folder + ": " + e.getMessage(), e);
        }
    }
}
