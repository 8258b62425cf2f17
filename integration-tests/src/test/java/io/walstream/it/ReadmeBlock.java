package io.walstream.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that a README code block is exactly the example a test compiles and runs: the lines between
 * {@code // README:begin} and {@code // README:end} of the test's source, less their 8-space indent.
 *
 * <p><b>Thread safety:</b> stateless.
 */
final class ReadmeBlock {

    private ReadmeBlock() {
    }

    /**
     * @param self the test's source file, relative to the module
     * @param section the README section the block belongs to (for the failure message)
     * @throws IOException if a file cannot be read
     */
    static void assertReadmeShows(Path self, String section) throws IOException {
        List<String> source = Files.readAllLines(self);
        int begin = source.indexOf("        // README:begin");
        int end = source.indexOf("        // README:end");
        assertTrue(begin >= 0 && end > begin, "no README:begin/README:end markers in " + self);
        String code = source.subList(begin + 1, end).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains("```java\n" + code + "\n```"),
                "README.md's \"" + section + "\" block must be exactly the example in " + self + ":\n" + code);
    }
}
