package io.nowcast.runtime.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static CsvReader csv(String text) {
        return new CsvReader(new BufferedReader(new StringReader(text)), "t.csv");
    }

    @Test
    void quotedFieldsBlankLinesAndLineNumbers() throws Exception {
        try (CsvReader r = csv("\"date\",\"T\"\r\n\n\"1\",\"2015-02-04 17:51:00\", 23.18 ,\"a,\"\"b\"\"\"\n")) {
            assertEquals(List.of("date", "T"), r.next());
            assertEquals(1, r.lineNumber());
            assertEquals(List.of("1", "2015-02-04 17:51:00", "23.18", "a,\"b\""), r.next());
            assertEquals(3, r.lineNumber());
            assertNull(r.next());
        }
    }

    @Test
    void emptyFieldsStay() throws Exception {
        try (CsvReader r = csv("a,,c,\n")) {
            assertEquals(List.of("a", "", "c", ""), r.next());
        }
    }

    @Test
    void anOpenQuoteIsAnErrorWithItsLine() throws Exception {
        try (CsvReader r = csv("a,b\n\"x,1\n")) {
            r.next();
            CsvFormatException e = assertThrows(CsvFormatException.class, r::next);
            assertEquals("t.csv:2: a quoted field is not closed", e.getMessage());
        }
    }
}
