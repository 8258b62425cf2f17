package io.walstream.testkit.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every syntax error names the fixture and the line it is on. */
class FixtureParserErrorTest {

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("<< 0", "odd number of digits"),
                Arguments.of("<< 00 012", "odd number of digits"),
                Arguments.of("<< zz", "not a hex byte"),
                Arguments.of("<< 0g", "not a hex byte"),
                Arguments.of("<< 0x10", "not a hex byte"),
                Arguments.of("<< \uff10\uff10", "not a hex byte"), // fullwidth digits are not hex
                Arguments.of("<< \u0663\u0663", "not a hex byte"), // neither are Arabic-Indic digits
                Arguments.of("<< .0", "not a hex byte"),
                Arguments.of("<< ..", "only allowed in '>>'"),
                Arguments.of("   ..", "only allowed in '>>'"), // continuing the '<<' line before it
                Arguments.of("<< \"a\\q\"", "unknown escape"),
                Arguments.of("<< \"abc", "unterminated literal"),
                Arguments.of("<< \"abc # not a comment inside an open literal", "unterminated literal"),
                Arguments.of("<< \"abc\\", "lone backslash"),
                Arguments.of("<< \"caf\u00e9\"", "printable ASCII"),
                Arguments.of("<< 01 {0}", "n >= 1"),
                Arguments.of("<< 01 {-2}", "n >= 1"),
                Arguments.of("<< 01 {x}", "needs a number"),
                Arguments.of("<< 01 {}", "needs a number"),
                Arguments.of("<< 01 {2} 02", "must end the line"),
                Arguments.of("<< 01 {2} \"a\"", "must end the line"),
                Arguments.of("<< 01 {2", "without '}'"),
                Arguments.of("01 02", "must start with"),
                Arguments.of("< 01", "must start with"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badLines")
    void syntaxErrorNamesFixtureAndLine(String line, String what) {
        String pgw = FixtureParser.HEADER + "\n<< 00\n" + line + "\n>> 00\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureParser.parse("demo/bad", null, pgw, null));
        assertTrue(e.getMessage().startsWith("Fixture demo/bad line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badLines")
    void lineNumbersCountBlankAndCommentLines(String line, String what) {
        String pgw = "\n" + FixtureParser.HEADER + "\n# comment\n\n<< 00 # \"\n" + line + "\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureParser.parse("demo/bad", null, pgw, null));
        assertTrue(e.getMessage().startsWith("Fixture demo/bad line 6: "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void continuationBeforeAnyDirectionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixtureParser.parse("demo/bad", null, FixtureParser.HEADER + "\n   01\n", null));
        assertTrue(e.getMessage().startsWith("Fixture demo/bad line 2: "), e.getMessage());
    }
}
