package org.dshell.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "1023, 1023", "1024, 1.0K", "1536, 1.5K", "10188, 9.9K", "10189, 10K", "10240, 10K",
            "1048063, 1023K", "1048064, 1.0M", "1048576, 1.0M", "2147483648, 2.0G", "1099511627776, 1.0T"})
    void humanSizesAsLsPrintsThem(long bytes, String expected) {
        assertEquals(expected, Sizes.human(bytes));
    }
}
