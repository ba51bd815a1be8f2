package org.dshell.core.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetaTypeTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(MetaType.INT, "42", 42L),
                Arguments.of(MetaType.INT, "-7", -7L),
                Arguments.of(MetaType.INT, "+7", 7L),
                Arguments.of(MetaType.INT, "9223372036854775807", Long.MAX_VALUE),
                Arguments.of(MetaType.FLOAT, "1.5", 1.5),
                Arguments.of(MetaType.FLOAT, "3", 3.0),
                Arguments.of(MetaType.FLOAT, "-.25", -0.25),
                Arguments.of(MetaType.FLOAT, "2.", 2.0),
                Arguments.of(MetaType.FLOAT, "1e3", 1000.0),
                Arguments.of(MetaType.FLOAT, "6.02E-23", 6.02e-23),
                Arguments.of(MetaType.STRING, "gamma ray", "gamma ray"),
                Arguments.of(MetaType.STRING, "*.root", "*.root"),
                Arguments.of(MetaType.DATE, "2024-05-01", Instant.parse("2024-05-01T00:00:00Z")),
                Arguments.of(MetaType.DATE, "2024-05-01 13:45", Instant.parse("2024-05-01T13:45:00Z")),
                Arguments.of(MetaType.DATE, "2024-05-01 13:45:07", Instant.parse("2024-05-01T13:45:07Z")),
                Arguments.of(MetaType.DATE, "2024-05-01 13:45:07.123456", Instant.parse("2024-05-01T13:45:07.123456Z")),
                Arguments.of(MetaType.DATE, "2024-05-01T13:45:07", Instant.parse("2024-05-01T13:45:07Z")),
                Arguments.of(MetaType.DATE, "2024-05-01T13:45:07Z", Instant.parse("2024-05-01T13:45:07Z")),
                Arguments.of(MetaType.DATE, "2024-02-29", Instant.parse("2024-02-29T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("valid")
    void parsesValidText(MetaType type, String text, Object expected) {
        assertEquals(expected, type.parse(text));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            INT   | abc                  | 'abc' is not an integer
            INT   | 1.5                  | '1.5' is not an integer
            INT   | 1e3                  | '1e3' is not an integer
            INT   | ' 5'                 | ' 5' is not an integer
            INT   | 99999999999999999999 | '99999999999999999999' is out of range for an integer
            FLOAT | abc                  | 'abc' is not a number
            FLOAT | NaN                  | 'NaN' is not a number
            FLOAT | Infinity             | 'Infinity' is not a number
            FLOAT | 0x1p3                | '0x1p3' is not a number
            FLOAT | 1d                   | '1d' is not a number
            FLOAT | 1e999                | '1e999' is out of range for a float
            DATE  | yesterday            | 'yesterday' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            DATE  | 2024-5-1             | '2024-5-1' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            DATE  | 2024-05-01Z          | '2024-05-01Z' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            DATE  | 2024-05-01 13        | '2024-05-01 13' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            DATE  | 2023-02-29           | '2023-02-29' is not a valid date
            DATE  | 2024-05-01 25:00     | '2024-05-01 25:00' is not a valid date
            """)
    void rejectsBadText(MetaType type, String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"int,INT", "Integer,INT", "float,FLOAT", "DOUBLE,FLOAT", "string,STRING", "varchar,STRING",
            "VARCHAR(128),STRING", "date,DATE", "DateTime,DATE"})
    void readsTypeNames(String name, MetaType expected) {
        assertEquals(Optional.of(expected), MetaType.fromName(name));
    }

    @ParameterizedTest
    @CsvSource({"number", "varchar(x)", "metaset", "''"})
    void rejectsUnknownTypeNames(String name) {
        assertEquals(Optional.empty(), MetaType.fromName(name));
    }

    @ParameterizedTest
    @CsvSource({"DATE,2024-05-01T13:45,2024-05-01 13:45:00", "INT,12,12", "FLOAT,1.5,1.5", "STRING,a b,a b"})
    void formatsValues(MetaType type, String text, String expected) {
        assertEquals(expected, type.format(type.parse(text)));
    }
}
