package org.dshell.core.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdlParserTest {

    @Test
    void parsesTheSimpleJobFromDiracUserGuide() {
        // From DIRAC's user guide, "Job command line tools": no outer brackets.
        Jdl jdl = Jdl.parse("""
                Executable = "/bin/cp";
                Arguments = "my.file my.copy";
                InputSandbox = {"my.file"};
                StdOutput = "std.out";
                StdError = "std.err";
                OutputSandbox = {"std.out","std.err","my.copy"};
                CPUTime = 10;
                """);

        assertEquals(List.of("Executable", "Arguments", "InputSandbox", "StdOutput", "StdError", "OutputSandbox", "CPUTime"),
                jdl.names());
        assertEquals("my.file my.copy", jdl.getString("Arguments", ""));
        assertEquals(List.of("std.out", "std.err", "my.copy"), jdl.getList("OutputSandbox"));
        assertEquals(new JdlNumber("10"), jdl.get("CPUTime").orElseThrow());
    }

    @Test
    void parsesABracketedJdlWithCommentsAndExpressions() {
        // Shaped after the SURF grid documentation's DIRAC parametric example.
        Jdl jdl = Jdl.parse("""
                [
                  // a parametric job
                  Type = "Job";
                  JobName = "Parametric";
                  ParameterStart = 0;
                  ParameterStep = 1;
                  Parameters = 3;
                  Executable = "/bin/hostname";
                  StdOutput = "StdOut_%n";   #Name of the file to get the standard output stream
                  OutputSandbox = {"StdOut_%n","StdErr_%n"};	#placeholder
                  Site = "GRID.SURF.nl";
                  Tags = {"long"};
                  /* CPUTime = 1000; */
                  Requirements = other.Site == "X" && other.CPU > 10;
                  Boolean = true
                ]
                """);

        assertEquals(12, jdl.size());
        assertEquals(false, jdl.has("CPUTime"));
        assertEquals(new JdlExpression("other.Site == \"X\" && other.CPU > 10"), jdl.get("requirements").orElseThrow());
        assertEquals(new JdlExpression("true"), jdl.get("Boolean").orElseThrow());
        assertEquals(List.of("StdOut_%n", "StdErr_%n"), jdl.getList("OutputSandbox"));
    }

    @Test
    void keepsTypesOfValues() {
        Jdl jdl = Jdl.parse("""
                A = "text"; B = 42; C = -1.5e3; D = {1, "two", 3.0}; E = {}; F = {{"a","b"},{"c"}};
                G = "esc \\"q\\" \\\\ \\n \\d"; H = 3600s; I = [ X = 1; Y = "z" ]
                """);

        assertEquals(new JdlString("text"), jdl.get("A").orElseThrow());
        assertEquals(new JdlNumber("42"), jdl.get("B").orElseThrow());
        assertEquals(new JdlNumber("-1.5e3"), jdl.get("C").orElseThrow());
        assertEquals(new JdlList(List.of(new JdlNumber("1"), new JdlString("two"), new JdlNumber("3.0"))),
                jdl.get("D").orElseThrow());
        assertEquals(new JdlList(List.of()), jdl.get("E").orElseThrow());
        assertEquals(List.of("{\"a\", \"b\"}", "{\"c\"}"), jdl.getList("F"));
        assertEquals("esc \"q\" \\ \n \\d", jdl.getString("G", ""));
        assertEquals(new JdlExpression("3600s"), jdl.get("H").orElseThrow());
        assertEquals(new JdlExpression("[ X = 1; Y = \"z\" ]"), jdl.get("I").orElseThrow());
    }

    @Test
    void namesAreCaseInsensitiveButKeepTheirCase() {
        Jdl jdl = Jdl.parse("[ executable = \"a\"; JobName = \"b\" ]");

        assertEquals("a", jdl.getString("EXECUTABLE", ""));
        jdl.set("Executable", "c");
        assertEquals(List.of("executable", "JobName"), jdl.names());
        assertEquals("c", jdl.getString("executable", ""));
    }

    @Test
    void acceptsEmptyStatementsAndAnEmptyJdl() {
        assertEquals(0, Jdl.parse("[ ]").size());
        assertEquals(0, Jdl.parse("# only a comment\n").size());
        assertEquals(2, Jdl.parse("A = 1;; B = 2;").size());
    }

    @Test
    void syntaxErrorsAreUsageErrors() {
        JdlSyntaxException error = assertThrows(JdlSyntaxException.class, () -> Jdl.parse("A = \"x"));
        assertEquals(ExitStatus.USAGE, error.exitCode());
        assertEquals(1, error.line());
        assertEquals(5, error.column());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            unterminated string           | A = 1;\\nB = "abc;\\n                      | line 2, column 5: unterminated string
            unterminated string in list   | A = {"a", "b};                           | line 1, column 11: unterminated string
            missing equals                | Executable "x";                          | line 1, column 12: missing '=' after attribute name 'Executable'
            missing equals at end         | A = 1; B                                 | line 1, column 9: missing '=' after attribute name 'B'
            missing semicolon             | Executable = "x"\\nArguments = "y";     | line 1, column 17: missing ';' between attributes 'Executable' and 'Arguments'
            missing semicolon after number| CPUTime = 10   # ten\\nPriority = 1     | line 1, column 13: missing ';' between attributes 'CPUTime' and 'Priority'
            missing semicolon after list  | A = {"a"}\\nB = 1                       | line 1, column 10: missing ';' between attributes 'A' and 'B'
            missing semicolon after expr  | Req = other.A == 1\\n  B = 2            | line 1, column 19: missing ';' between attributes 'Req' and 'B'
            unclosed brace                | A = {"a", "b";\\nB = 1;                 | line 1, column 5: unbalanced braces: '{' is never closed
            unclosed brace before next    | [\\n A = {"a",\\n    "b"\\n B = 1;\\n]  | line 2, column 6: unbalanced braces: '{' is never closed
            unclosed brace at end         | A = {"a", "b"                            | line 1, column 5: unbalanced braces: '{' is never closed
            stray closing brace           | A = "a"};                                | line 1, column 8: unbalanced braces: unexpected '}'
            stray closing brace in expr   | A = f(x)};                               | line 1, column 9: unbalanced braces: unexpected '}'
            unclosed parenthesis          | A = f(x;                                 | line 1, column 6: unbalanced brackets: '(' is never closed
            empty attribute name          | A = 1;\\n = 2;                          | line 2, column 2: empty attribute name
            bad attribute name            | "A" = 1;                                 | line 1, column 1: expected an attribute name, found '"'
            duplicate attribute           | A = 1;\\n  a = 2;                       | line 2, column 3: duplicate attribute 'a' (first set at line 1, column 1)
            missing value                 | A = ;                                    | line 1, column 5: missing value for attribute 'A'
            missing value at end          | [ A = ]                                  | line 1, column 7: missing value for attribute 'A'
            empty list element            | A = {"a",,"b"};                          | line 1, column 10: empty list element
            trailing comma in list        | A = {"a",};                              | line 1, column 10: empty list element
            unclosed bracket              | [ A = 1;\\n                             | line 1, column 1: '[' is never closed by ']'
            text after closing bracket    | [ A = 1; ] B = 2;                        | line 1, column 12: unexpected text after the closing ']'
            closing bracket without open  | A = 1; ]                                 | line 1, column 8: unexpected ']' without an opening '['
            unterminated comment          | A = 1; /* B = 2;                         | line 1, column 8: unterminated comment
            """)
    void reportsWhereTheSyntaxIsWrong(String description, String jdl, String message) {
        JdlSyntaxException error = assertThrows(JdlSyntaxException.class, () -> Jdl.parse(jdl.replace("\\n", "\n")));
        assertEquals(message, error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            "a b"           | "a b"
            12              | 12
            {"x", 2}        | {"x", 2}
            ' %s '          | %s
            other.Site      | other.Site
            '"a" + "b"'     | "a" + "b"
            """)
    void parsesSingleValues(String text, String jdlForm) {
        assertEquals(jdlForm, JdlParser.parseValue(text).toJdl());
    }
}
