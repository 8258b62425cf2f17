package io.walstream.testkit.pgoutput;

import io.walstream.Lsn;
import io.walstream.pgoutput.Begin;
import io.walstream.pgoutput.BeginPrepare;
import io.walstream.pgoutput.Commit;
import io.walstream.pgoutput.CommitPrepared;
import io.walstream.pgoutput.Delete;
import io.walstream.pgoutput.Insert;
import io.walstream.pgoutput.LogicalMessage;
import io.walstream.pgoutput.OldTupleKind;
import io.walstream.pgoutput.Origin;
import io.walstream.pgoutput.PgOutputMessage;
import io.walstream.pgoutput.Prepare;
import io.walstream.pgoutput.Relation;
import io.walstream.pgoutput.RelationColumn;
import io.walstream.pgoutput.RollbackPrepared;
import io.walstream.pgoutput.StreamAbort;
import io.walstream.pgoutput.StreamCommit;
import io.walstream.pgoutput.StreamPrepare;
import io.walstream.pgoutput.StreamStart;
import io.walstream.pgoutput.StreamStop;
import io.walstream.pgoutput.Truncate;
import io.walstream.pgoutput.TupleData;
import io.walstream.pgoutput.Type;
import io.walstream.pgoutput.UnknownMessage;
import io.walstream.pgoutput.Update;
import io.walstream.replication.XLogData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Encodes {@link PgOutputMessage}s as a PostgreSQL server would: the exact inverse of
 * {@link io.walstream.pgoutput.PgOutputDecoder}, for building replication streams in tests.
 *
 * <pre>
 * encode(m)        = Byte1 type | body                              one XLogData payload
 * xlogData(..., m) = 'w' | Int64 walStart | Int64 walEnd | Int64 sendTime | encode(m)    one CopyData payload
 * copyData(..., m) = 'd' | Int32 len | xlogData(..., m)             one backend frame
 * </pre>
 *
 * <p>A change's leading xid is written exactly when its {@link PgOutputMessage#streamXid()} is present, so a
 * streamed block is {@code StreamStart}, changes built with {@code OptionalInt.of(xid)}, {@code StreamStop}.
 * {@link #streamBlock} builds such a block from changes without xid. Stream Abort is written in its 24-byte
 * form exactly when it has {@linkplain StreamAbort#hasAbortInfo() abort info}. The writer checks nothing the
 * decoder would check (flags, block order), so it also builds invalid streams for negative tests; it does
 * reject what cannot be encoded at all (a NUL inside a string).
 *
 * <p><b>Thread safety:</b> stateless; safe from any thread.
 */
public final class PgOutputWriter {

    private PgOutputWriter() {
    }

    /**
     * @param message any message
     * @return its XLogData payload
     * @throws IllegalArgumentException if a string contains NUL
     */
    public static byte[] encode(PgOutputMessage message) {
        Out o = new Out();
        o.u8(message.tag());
        if (message instanceof Begin m) {
            o.lsn(m.finalLsn()).i64(m.commitTimeMicros()).i32(m.xid());
        } else if (message instanceof Commit m) {
            o.u8(m.flags()).lsn(m.commitLsn()).lsn(m.endLsn()).i64(m.commitTimeMicros());
        } else if (message instanceof Origin m) {
            o.lsn(m.originLsn()).str(m.name());
        } else if (message instanceof Relation m) {
            o.xid(m.streamXid()).i32(m.oid()).str(m.namespace()).str(m.name()).u8(m.replicaIdentity().code());
            o.u16(m.columns().size());
            for (RelationColumn c : m.columns()) {
                o.u8(c.flags()).str(c.name()).i32(c.typeOid()).i32(c.typmod());
            }
        } else if (message instanceof Type m) {
            o.xid(m.streamXid()).i32(m.oid()).str(m.namespace()).str(m.name());
        } else if (message instanceof Insert m) {
            o.xid(m.streamXid()).i32(m.relationOid()).u8('N').tuple(m.newTuple());
        } else if (message instanceof Update m) {
            o.xid(m.streamXid()).i32(m.relationOid());
            if (m.oldKind() != OldTupleKind.NONE) {
                o.u8(m.oldKind().code()).tuple(m.oldTuple());
            }
            o.u8('N').tuple(m.newTuple());
        } else if (message instanceof Delete m) {
            o.xid(m.streamXid()).i32(m.relationOid()).u8(m.oldKind().code()).tuple(m.oldTuple());
        } else if (message instanceof Truncate m) {
            o.xid(m.streamXid()).i32(m.relationOids().size()).u8(m.options());
            for (int oid : m.relationOids()) {
                o.i32(oid);
            }
        } else if (message instanceof LogicalMessage m) {
            byte[] content = m.content();
            o.xid(m.streamXid()).u8(m.flags()).lsn(m.lsn()).str(m.prefix()).i32(content.length).bytes(content);
        } else if (message instanceof StreamStart m) {
            o.i32(m.xid()).u8(m.firstSegment() ? 1 : 0);
        } else if (message instanceof StreamStop) {
            // no body
        } else if (message instanceof StreamCommit m) {
            o.i32(m.xid()).u8(m.flags()).lsn(m.commitLsn()).lsn(m.endLsn()).i64(m.commitTimeMicros());
        } else if (message instanceof StreamAbort m) {
            o.i32(m.xid()).i32(m.subxid());
            if (m.hasAbortInfo()) {
                o.lsn(m.abortLsn()).i64(m.abortTimeMicros());
            }
        } else if (message instanceof BeginPrepare m) {
            o.lsn(m.prepareLsn()).lsn(m.endLsn()).i64(m.prepareTimeMicros()).i32(m.xid()).str(m.gid());
        } else if (message instanceof Prepare m) {
            o.u8(m.flags()).lsn(m.prepareLsn()).lsn(m.endLsn()).i64(m.prepareTimeMicros()).i32(m.xid())
                    .str(m.gid());
        } else if (message instanceof CommitPrepared m) {
            o.u8(m.flags()).lsn(m.commitLsn()).lsn(m.endLsn()).i64(m.commitTimeMicros()).i32(m.xid())
                    .str(m.gid());
        } else if (message instanceof RollbackPrepared m) {
            o.u8(m.flags()).lsn(m.prepareEndLsn()).lsn(m.rollbackEndLsn()).i64(m.prepareTimeMicros())
                    .i64(m.rollbackTimeMicros()).i32(m.xid()).str(m.gid());
        } else if (message instanceof StreamPrepare m) {
            o.u8(m.flags()).lsn(m.prepareLsn()).lsn(m.endLsn()).i64(m.prepareTimeMicros()).i32(m.xid())
                    .str(m.gid());
        } else if (message instanceof UnknownMessage m) {
            o.bytes(m.body());
        } else {
            throw new IllegalArgumentException("Cannot encode " + message);
        }
        return o.toByteArray();
    }

    /**
     * @param messages messages in stream order
     * @return one payload per message
     */
    public static List<byte[]> encodeAll(List<? extends PgOutputMessage> messages) {
        List<byte[]> out = new ArrayList<>(messages.size());
        for (PgOutputMessage m : messages) {
            out.add(encode(m));
        }
        return out;
    }

    /**
     * The messages as one {@link io.walstream.pgoutput.PgOutputDecoder} decoding them in order gives them back:
     * the wire has no xid in Commit and Stream Stop, so the decoder fills in the one of the preceding Begin and
     * Stream Start (0 before any).
     *
     * @param messages messages in stream order
     * @return a new list with Commit and StreamStop carrying those xids
     */
    public static List<PgOutputMessage> asDecoded(List<? extends PgOutputMessage> messages) {
        List<PgOutputMessage> out = new ArrayList<>(messages.size());
        int begin = 0;
        int block = 0;
        for (PgOutputMessage m : messages) {
            if (m instanceof io.walstream.pgoutput.Begin b) {
                begin = b.xid();
            } else if (m instanceof StreamStart s) {
                block = s.xid();
            } else if (m instanceof io.walstream.pgoutput.Commit c) {
                m = new io.walstream.pgoutput.Commit(c.flags(), c.commitLsn(), c.endLsn(), c.commitTimeMicros(), begin);
            } else if (m instanceof StreamStop) {
                m = new StreamStop(block);
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Builds a stream block: {@code StreamStart(xid, firstSegment)}, each change with its streaming xid set to
     * {@code xid} (changes that already carry one keep it; other messages, such as Origin, are kept as they
     * are), then {@code StreamStop}.
     *
     * @param xid the streamed transaction's xid
     * @param firstSegment whether this is its first chunk
     * @param changes the messages inside the block
     * @return the block's messages
     */
    public static List<PgOutputMessage> streamBlock(int xid, boolean firstSegment,
                                                    List<? extends PgOutputMessage> changes) {
        List<PgOutputMessage> out = new ArrayList<>(changes.size() + 2);
        out.add(new StreamStart(xid, firstSegment));
        for (PgOutputMessage m : changes) {
            out.add(withStreamXid(m, xid));
        }
        out.add(new StreamStop(xid)); // as the decoder gives it: naming the block it closes
        return out;
    }

    /**
     * @param message a message
     * @param xid a streaming xid
     * @return a change (R Y I U D T M) with its streaming xid set to {@code xid} unless it already has one;
     *         any other message unchanged
     */
    public static PgOutputMessage withStreamXid(PgOutputMessage message, int xid) {
        if (message.streamXid().isPresent()) {
            return message;
        }
        OptionalInt x = OptionalInt.of(xid);
        if (message instanceof Relation m) {
            return new Relation(x, m.oid(), m.namespace(), m.name(), m.replicaIdentity(), m.columns());
        } else if (message instanceof Type m) {
            return new Type(x, m.oid(), m.namespace(), m.name());
        } else if (message instanceof Insert m) {
            return new Insert(x, m.relationOid(), m.newTuple());
        } else if (message instanceof Update m) {
            return new Update(x, m.relationOid(), m.oldKind(), m.oldTuple(), m.newTuple());
        } else if (message instanceof Delete m) {
            return new Delete(x, m.relationOid(), m.oldKind(), m.oldTuple());
        } else if (message instanceof Truncate m) {
            return new Truncate(x, m.options(), m.relationOids());
        } else if (message instanceof LogicalMessage m) {
            return new LogicalMessage(x, m.flags(), m.lsn(), m.prefix(), m.content());
        }
        return message;
    }

    /**
     * @param walStart the XLogData header's walStart
     * @param walEnd the XLogData header's walEnd
     * @param sendTimeMicros the send time, µs since 2000-01-01 UTC
     * @param message the message
     * @return the XLogData record carrying the encoded message
     */
    public static XLogData xlogData(Lsn walStart, Lsn walEnd, long sendTimeMicros, PgOutputMessage message) {
        return new XLogData(walStart, walEnd, sendTimeMicros, ByteBuffer.wrap(encode(message)).asReadOnlyBuffer());
    }

    /**
     * @param walStart the XLogData header's walStart
     * @param walEnd the XLogData header's walEnd
     * @param sendTimeMicros the send time, µs since 2000-01-01 UTC
     * @param message the message
     * @return a complete CopyData frame ({@code 'd'}, length, {@code 'w'} XLogData) as the server sends it
     */
    public static byte[] copyData(Lsn walStart, Lsn walEnd, long sendTimeMicros, PgOutputMessage message) {
        byte[] payload = encode(message);
        Out o = new Out();
        o.u8('d').i32(4 + 25 + payload.length).u8('w').lsn(walStart).lsn(walEnd).i64(sendTimeMicros).bytes(payload);
        return o.toByteArray();
    }

    /** Big-endian output. */
    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Out u8(int v) {
            out.write(v);
            return this;
        }

        Out u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Out i32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Out i64(long v) {
            i32((int) (v >>> 32));
            return i32((int) v);
        }

        Out lsn(Lsn lsn) {
            return i64(lsn.value());
        }

        Out xid(OptionalInt xid) {
            return xid.isPresent() ? i32(xid.getAsInt()) : this;
        }

        Out str(String s) {
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("pgoutput strings are NUL-terminated and cannot contain NUL: \""
                        + s.replace("\0", "\\0") + "\"");
            }
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        Out bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Out tuple(TupleData t) {
            ByteBuffer raw = t.raw();
            byte[] b = new byte[raw.remaining()];
            raw.get(b);
            return bytes(b);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
