package io.walstream.testkit.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the fixtures shipped in the testkit. The list comes from {@value #INDEX}, never from listing a
 * directory, so it works the same from a jar.
 *
 * <p><b>Thread safety:</b> stateless; each call parses afresh.
 */
public final class Fixtures {

    /** The resource directory holding the fixtures. */
    public static final String ROOT = "/io/walstream/testkit/fixtures/";
    /** The index resource: one fixture name per line, without extension. */
    public static final String INDEX = ROOT + "index.txt";

    private Fixtures() {
    }

    /** @return every fixture in the index, in index order */
    public static List<WireFixture> all() {
        List<WireFixture> out = new ArrayList<>();
        for (String name : names()) {
            out.add(load(name));
        }
        return out;
    }

    /** @return the fixture names in the index */
    public static List<String> names() {
        String index = read(INDEX);
        if (index == null) {
            throw new IllegalStateException("The testkit fixture index " + INDEX + " is missing from the class path");
        }
        List<String> names = new ArrayList<>();
        for (String line : index.split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                names.add(t);
            }
        }
        return names;
    }

    /**
     * @param name a name from the index, e.g. {@code replication/keepalive}
     * @return the parsed fixture with its expectations
     */
    public static WireFixture load(String name) {
        String pgw = read(ROOT + name + ".pgw");
        if (pgw == null) {
            throw new IllegalArgumentException("No fixture " + ROOT + name + ".pgw on the class path");
        }
        return FixtureParser.parse(name, uri(ROOT + name + ".pgw"), pgw, read(ROOT + name + ".expect"));
    }

    private static URI uri(String resource) {
        URL url = Fixtures.class.getResource(resource);
        try {
            return url == null ? null : url.toURI();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
