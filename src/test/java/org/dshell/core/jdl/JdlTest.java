package org.dshell.core.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdlTest {

    @Test
    void writesCanonicalJdl() {
        Jdl jdl = Jdl.parse("""
                executable="run.sh" ;Arguments = "-n \\"5\\"" ; # comment
                InputSandbox={ "run.sh","cfg.yaml" }; CPUTime=3600; Requirements = other.A > 1
                """);

        assertEquals("""
                [
                    executable = "run.sh";
                    Arguments = "-n \\"5\\"";
                    InputSandbox = {"run.sh", "cfg.yaml"};
                    CPUTime = 3600;
                    Requirements = other.A > 1;
                ]
                """, jdl.toJdl());
    }

    @Test
    void writesLongListsOneElementPerLine() {
        Jdl jdl = new Jdl().set("InputData", IntStream.range(0, 3).mapToObj(i -> "/vo/data/run/" + "x".repeat(30) + i).toList());

        assertEquals("""
                [
                    InputData =
                        {
                            "/vo/data/run/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0",
                            "/vo/data/run/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1",
                            "/vo/data/run/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx2"
                        };
                ]
                """, jdl.toJdl());
        assertEquals(jdl, Jdl.parse(jdl.toJdl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[ Executable = \"/bin/cp\"; Arguments = \"my.file my.copy\"; InputSandbox = {\"my.file\"}; CPUTime = 10 ]",
        "A = \"quote \\\" backslash \\\\ tab \\t newline \\n regex \\\\d\"; B = -1.50e-3; C = {};",
        "A = {{\"a\", 1}, {}, {{\"deep\"}}}; B = [ X = 1; Y = \"z\" ]; C = true; D = other.Site == \"A;B\"",
        "Parameters = {1, 2.5, \"three\"}; Parameters.x = {\"%s\"}; Arguments = \"%(x)s %n\"",
        "Requirements = Member(\"gpu\", other.Tags)\n    && other.Memory >= 2048"
    })
    void roundTrips(String text) {
        Jdl jdl = Jdl.parse(text);

        assertEquals(jdl, Jdl.parse(jdl.toJdl()));
        assertEquals(jdl.toJdl(), Jdl.parse(jdl.toJdl()).toJdl());
    }

    @Test
    void setRemoveAndTypedGetters() {
        Jdl jdl = new Jdl()
                .set("Executable", "run.sh")
                .set("CPUTime", 3600)
                .set("OutputSandbox", List.of("std.out", "std.err"))
                .set("Priority", new JdlString("5"));

        assertEquals(3600, jdl.getInt("cputime", 0));
        assertEquals(5, jdl.getInt("Priority", 0));
        assertEquals(7, jdl.getInt("Missing", 7));
        assertEquals("dflt", jdl.getString("Missing", "dflt"));
        assertEquals("3600", jdl.getString("CPUTime", ""));
        assertEquals(List.of("run.sh"), jdl.getList("Executable"));
        assertEquals(List.of(), jdl.getList("Missing"));
        assertTrue(jdl.remove("OUTPUTSANDBOX"));
        assertFalse(jdl.remove("OutputSandbox"));
        assertEquals(List.of("Executable", "CPUTime", "Priority"), jdl.names());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            CPUTime = "abc"     | CPUTime: expected an integer, got "abc"
            CPUTime = 1.5       | CPUTime: expected an integer, got 1.5
            CPUTime = {1, 2}    | CPUTime: expected an integer, got {1, 2}
            CPUTime = 9999999999| CPUTime: 9999999999 is too large
            """)
    void getIntNamesTheAttribute(String text, String message) {
        Jdl jdl = Jdl.parse(text);
        assertEquals(message, assertThrows(DshellException.class, () -> jdl.getInt("cputime", 0)).getMessage());
    }

    @Test
    void getStringRefusesAList() {
        Jdl jdl = Jdl.parse("Executable = {\"a\", \"b\"}");
        assertEquals("Executable: expected a single value, got a list {\"a\", \"b\"}",
                assertThrows(DshellException.class, () -> jdl.getString("executable", "")).getMessage());
    }

    @Test
    void equalityFollowsNamesValuesAndOrder() {
        assertEquals(Jdl.parse("A = 1; B = \"x\""), Jdl.parse("[A=1;B=\"x\";]"));
        assertFalse(Jdl.parse("A = 1; B = 2").equals(Jdl.parse("B = 2; A = 1")));
        assertFalse(Jdl.parse("A = 1").equals(Jdl.parse("A = \"1\"")));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1.0,        1.0
            0.5,        0.5
            1e-05,      0.00001
            0.0001,     0.0001
            1e+16,      1e16
            123456789.0,123456789
            1.5e+300,   1.5e300
            -2.25,      -2.25
            """)
    void writesFloatsAsPythonDoes(String python, double value) {
        assertEquals(python, PythonFloatText.of(value));
    }
}
