package io.nowcast.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 fields, worked out by hand from each line. */
class CsvLineTest {
    @Test
    void quotedFieldsMayHoldCommasAndDoubledQuotes() {
        assertEquals(List.of("a,b", "say \"hi\"", "3"), CsvLine.split("\"a,b\",\"say \"\"hi\"\"\", 3"));
        assertEquals(List.of("1", "2015-02-04 17:51:00", "23.18", "a,\"b\""),
                CsvLine.split("\"1\",\"2015-02-04 17:51:00\", 23.18 ,\"a,\"\"b\"\"\""));
    }

    @Test
    void unquotedFieldsAreTrimmedQuotedOnesAreNot() {
        assertEquals(List.of("x", " y "), CsvLine.split("  x , \" y \""));
    }

    @Test
    void emptyFieldsStay() {
        assertEquals(List.of("", "", ""), CsvLine.split(",,"));
        assertEquals(List.of("a", "", "c", ""), CsvLine.split("a,,c,"));
    }

    @Test
    void anOpenQuoteIsAnError() {
        assertEquals("a quoted field is not closed",
                assertThrows(IllegalArgumentException.class, () -> CsvLine.split("\"x,1")).getMessage());
    }
}
