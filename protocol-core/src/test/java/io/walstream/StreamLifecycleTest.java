package io.walstream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.walstream.conn.PgConnection;
import io.walstream.replication.WalStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The first session starts lazily on the connection {@code open} made; a failure that ends the stream is latched and
 * rethrown by every later call; a handler's own exception, and anything after close, latch nothing. The supervisor
 * and the delivery loop are isolated with Mockito.
 */
class StreamLifecycleTest {

    private final SessionSupervisor supervisor = mock(SessionSupervisor.class);
    private final DeliveryLoop loop = mock(DeliveryLoop.class);
    private final PgConnection conn = mock(PgConnection.class);
    private final WalStream stream = mock(WalStream.class);
    private final StreamSnapshots snapshots = noSnapshots();
    private final StreamLifecycle lifecycle = new StreamLifecycle(supervisor, loop, conn, snapshots);

    /** A stream without stream-level snapshots: reads pass straight through, the handler is pushed to as is. */
    private static StreamSnapshots noSnapshots() {
        StreamSnapshots s = mock(StreamSnapshots.class);
        when(s.passThrough()).thenReturn(true);
        when(s.push(org.mockito.ArgumentMatchers.anyBoolean(), any())).thenAnswer(inv -> inv.getArgument(1));
        when(s.pushEvents(any())).thenAnswer(inv -> inv.getArgument(0));
        return s;
    }

    private void startsFine() {
        when(loop.resumeFrom()).thenReturn(Lsn.INVALID);
        when(supervisor.startFirst(eq(conn), eq(Lsn.INVALID), any())).thenReturn(stream);
    }

    @Test
    void theFirstReadStartsTheSessionOnTheOpenedConnection() {
        startsFine();
        when(loop.hasSession()).thenReturn(false, false, true); // before, in start(), after
        lifecycle.poll(1, false, false);
        verify(loop).begin(stream);
        verify(loop).poll(1, false, false);
        assertNull(lifecycle.pending(), "the connection now belongs to the session");
        lifecycle.release();
        verify(conn, never()).close();
    }

    @Test
    void aPermanentFailureIsRethrownByEveryLaterCallWithoutReading() {
        startsFine();
        when(loop.hasSession()).thenReturn(true);
        ServerErrorException failure = new ServerErrorException(new ServerError("ERROR", "58P01", "gone",
                java.util.Map.of('S', "ERROR", 'C', "58P01", 'M', "gone")));
        when(loop.poll(anyLong(), anyBoolean(), anyBoolean())).thenThrow(failure);
        assertSame(failure, assertThrows(ServerErrorException.class, () -> lifecycle.poll(1, false, false)));
        assertSame(failure, assertThrows(ServerErrorException.class, () -> lifecycle.poll(1, false, false)));
        assertSame(failure, assertThrows(ServerErrorException.class, lifecycle::start));
        assertSame(failure, assertThrows(ServerErrorException.class, () -> lifecycle.pushEvents(e -> { }, 1)));
        assertSame(failure, assertThrows(ServerErrorException.class, () -> lifecycle.pushRaw(e -> { }, 1)));
        verify(loop, times(1)).poll(anyLong(), anyBoolean(), anyBoolean());
        verify(loop, never()).pushEvents(any(), anyLong());
        verify(loop, never()).pushRawEvents(any(), anyLong());
    }

    @Test
    void aFailureToStartIsLatchedToo() {
        when(loop.resumeFrom()).thenReturn(Lsn.INVALID);
        TransportException failure = new TransportException("gave up");
        when(supervisor.startFirst(eq(conn), any(), any())).thenThrow(failure);
        assertSame(failure, assertThrows(TransportException.class, lifecycle::start));
        assertSame(failure, assertThrows(TransportException.class, lifecycle::start));
        verify(supervisor, times(1)).startFirst(any(), any(), any());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHandlersOwnExceptionFailsNothing() {
        when(loop.hasSession()).thenReturn(true);
        ProtocolException thrown = new ProtocolException("from the handler");
        doThrow(thrown).doNothing().when(loop).pushEvents(any(Consumer.class), anyLong());
        doThrow(thrown).doNothing().when(loop).pushRawEvents(any(Consumer.class), anyLong());
        when(loop.handlerFailure()).thenReturn(thrown);
        assertSame(thrown, assertThrows(ProtocolException.class, () -> lifecycle.pushEvents(e -> { }, 1)));
        lifecycle.pushEvents(e -> { }, 1);
        verify(loop, times(2)).pushEvents(any(Consumer.class), anyLong());
        assertSame(thrown, assertThrows(ProtocolException.class, () -> lifecycle.pushRaw(e -> { }, 1)));
        lifecycle.pushRaw(e -> { }, 1);
        verify(loop, times(2)).pushRawEvents(any(Consumer.class), anyLong());
    }

    @Test
    void aFailureAfterCloseIsNotLatched() {
        when(loop.hasSession()).thenReturn(true);
        when(loop.isClosed()).thenReturn(true);
        ConnectionClosedException failure = new ConnectionClosedException("closed");
        when(loop.poll(anyLong(), anyBoolean(), anyBoolean())).thenThrow(failure).thenReturn(null);
        assertThrows(ConnectionClosedException.class, () -> lifecycle.poll(1, false, false));
        assertNull(lifecycle.poll(1, false, false));
    }

    @Test
    void closedWhileStartingReadsNothing() {
        when(loop.hasSession()).thenReturn(false);
        when(loop.isClosed()).thenReturn(true);
        assertNull(lifecycle.poll(1, false, false));
        verify(loop, never()).poll(anyLong(), anyBoolean(), anyBoolean());
        lifecycle.release();
        verify(conn).close();
    }
}
