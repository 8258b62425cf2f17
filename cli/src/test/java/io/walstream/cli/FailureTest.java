package io.walstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.walstream.ConnectionStringException;
import io.walstream.MalformedFrameException;
import io.walstream.ServerError;
import io.walstream.ServerErrorException;
import io.walstream.TransportException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exceptions map to the documented exit codes and one line, with the server's SQLSTATE, detail and hint. */
class FailureTest {

    private static ServerErrorException server(String sqlState, String message, String hint) {
        Map<Character, String> fields = hint == null ? Map.of() : Map.of('H', hint);
        return new ServerErrorException(new ServerError("ERROR", sqlState, message, fields));
    }

    @Test
    void mapsExitCodes() {
        assertEquals(ExitCode.USAGE, Failure.of(new ConnectionStringException("bad")).exitCode());
        assertEquals(ExitCode.CONNECTION, Failure.of(new TransportException("refused")).exitCode());
        assertEquals(ExitCode.CONNECTION, Failure.of(server("28P01", "password authentication failed", null)).exitCode());
        assertEquals(ExitCode.CONNECTION, Failure.of(server("3D000", "database \"x\" does not exist", null)).exitCode());
        assertEquals(ExitCode.SERVER, Failure.of(server("42704", "replication slot \"s\" does not exist", null)).exitCode());
        assertEquals(ExitCode.PROTOCOL, Failure.of(new MalformedFrameException("bad frame")).exitCode());
        assertEquals(ExitCode.INTERNAL, Failure.of(new IllegalStateException("bug")).exitCode());
        assertEquals(ExitCode.SERVER, Failure.of(new CliException(ExitCode.SERVER, "missing")).exitCode());
    }

    @Test
    void aRoleWithoutReplicationIsAConnectionFailureWithAHint() {
        Failure v14 = Failure.of(server("42501", "must be superuser or replication role to start walsender", null));
        assertEquals(ExitCode.CONNECTION, v14.exitCode());
        assertEquals("server error 42501: must be superuser or replication role to start walsender (hint: the role"
                + " needs the REPLICATION attribute: ALTER ROLE name REPLICATION)", v14.line());
        assertEquals(ExitCode.CONNECTION, Failure.of(server("42501", "permission denied to start WAL sender", null))
                .exitCode());
        assertEquals(ExitCode.SERVER, Failure.of(server("42501", "permission denied for table t", null)).exitCode());
    }

    @Test
    void oneLineWithSqlStateAndHint() {
        Failure f = Failure.of(server("55006", "replication slot \"s\" is active\nfor PID 7", "Stop the other\nreader."));
        assertEquals("server error 55006: replication slot \"s\" is active for PID 7 (hint: Stop the other reader.)",
                f.line());
    }
}
