package io.mailtune.demo.brightcart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the demo company's text files from the classpath, so they work from a jar and from a build folder alike. */
final class BundledResource {

    private BundledResource() {
    }

    /** The UTF-8 text of the classpath resource at {@code absolutePath}; a missing file is an error naming it. */
    static String read(String absolutePath) {
        try (InputStream in = BundledResource.class.getResourceAsStream(absolutePath)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + absolutePath + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + absolutePath, e);
        }
    }
}
