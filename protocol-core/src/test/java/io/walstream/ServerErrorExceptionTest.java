package io.walstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link ServerErrorException}: SQLSTATE decides whether a retry may help. */
class ServerErrorExceptionTest {

    private static ServerErrorException error(String sqlState) {
        return new ServerErrorException(new ServerError("FATAL", sqlState, "msg", Map.of('C', sqlState)));
    }

    @ParameterizedTest(name = "{0} is transient")
    @ValueSource(strings = {"57P01", "57P02", "57P03", "08006", "08001", "08P01", "53300"})
    void transientStates(String sqlState) {
        assertTrue(error(sqlState).isTransient());
    }

    @ParameterizedTest(name = "{0} is permanent")
    @ValueSource(strings = {"28P01", "28000", "42704", "55000", "55006", "42P01", "XX000", ""})
    void permanentStates(String sqlState) {
        assertFalse(error(sqlState).isTransient());
    }

    @Test
    void messageIsTheSummaryAndTheFieldsStayData() {
        ServerError fields = new ServerError("ERROR", "42704", "replication slot \"x\" does not exist",
                Map.of('C', "42704"));
        ServerErrorException e = new ServerErrorException("START_REPLICATION failed", fields);

        assertEquals("START_REPLICATION failed: ERROR 42704: replication slot \"x\" does not exist", e.getMessage());
        assertSame(fields, e.error());
        assertEquals("42704", e.sqlState());
    }
}
