#!/usr/bin/env python3
"""Writes the hand-built wire fixtures (.pgw) and their expected decodes (.expect).

The expectations are computed here from the values this script chose, independently of walstream's Java
decoders, so that FixtureExpectationsTest compares the Java decode against a separate oracle.
Run from the repository root: python3 testkit/tools/make_fixtures.py
"""
import os
import struct

ROOT = "testkit/src/main/resources/io/walstream/testkit/fixtures"


def lsn(v):
    return "%X/%X" % (v >> 32, v & 0xFFFFFFFF)


class Fx:
    def __init__(self, name, title):
        self.name, self.lines, self.expect, self.server_len = name, ["# walstream-fixture 1", "# " + title], [], 0

    def srv(self, tag, body_lines, comment):
        """body_lines: list of (bytes, comment). Emits a tagged frame sent by the server."""
        body = b"".join(b for b, _ in body_lines)
        length = 4 + len(body)
        self.lines.append("<< %02x %08x%s# %s, len=%d" % (tag, length, " " * 18, comment, length))
        for b, c in body_lines:
            self.lines.append("   %-34s# %s" % (hexs(b), c))
        off = self.server_len
        self.server_len += 1 + length
        return off

    def raw_srv(self, data, comment):
        self.lines.append("<< %-34s# %s" % (hexs(data), comment))
        off = self.server_len
        self.server_len += len(data)
        return off

    def cli(self, lines):
        first = True
        for text, c in lines:
            self.lines.append("%s %-34s# %s" % (">>" if first else "  ", text, c))
            first = False

    def write(self):
        path = os.path.join(ROOT, self.name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".pgw", "w") as f:
            f.write("\n".join(self.lines) + "\n")
        with open(path + ".expect", "w") as f:
            f.write("# expected decode of %s.pgw (see FixtureDecoding)\n" % os.path.basename(self.name))
            f.write("\n".join(self.expect) + "\n")


def hexs(b):
    # groups of 4 bytes for readability
    h = b.hex()
    return " ".join(h[i:i + 8] for i in range(0, len(h), 8))


def q(v):
    return struct.pack(">q", v)


def i32(v):
    return struct.pack(">i", v)


def i16(v):
    return struct.pack(">h", v)


T0 = 0x0002B6C15A3E0F00  # a server clock value, µs since 2000-01-01


def keepalive(fx, wal_end, t, reply):
    fx.srv(0x64, [(b"k", "'k' PrimaryKeepalive"), (q(wal_end), "walEnd " + lsn(wal_end)),
                  (q(t), "sendTime (µs since 2000-01-01)"), (bytes([reply]), "replyRequested")], "CopyData")
    fx.expect.append("PrimaryKeepalive walEnd=%s sendTime=%d reply=%s" % (lsn(wal_end), t, "true" if reply else "false"))


def xlog(fx, start, end, t, payload_lines, what):
    payload = b"".join(b for b, _ in payload_lines)
    fx.srv(0x64, [(b"w", "'w' XLogData"), (q(start), "walStart " + lsn(start)), (q(end), "walEnd " + lsn(end)),
                  (q(t), "sendTime")] + [(b, "  " + c) for b, c in payload_lines], "CopyData: " + what)
    fx.expect.append("XLogData walStart=%s walEnd=%s sendTime=%d len=%d" % (lsn(start), lsn(end), t, len(payload)))


def begin(final_lsn, t, xid):
    return [(b"B", "'B' Begin"), (q(final_lsn), "finalLsn " + lsn(final_lsn)), (q(t), "commitTime"),
            (i32(xid), "xid %d" % xid)]


def insert(relid, values):
    out = [(b"I", "'I' Insert"), (i32(relid), "relation oid %d" % relid), (b"N", "'N' new tuple"),
           (i16(len(values)), "%d columns" % len(values))]
    for v in values:
        out.append((b"t" + i32(len(v)), "text column, %d bytes" % len(v)))
        out.append((v, repr(v.decode())))
    return out


def commit(commit_lsn, end_lsn, t):
    return [(b"C", "'C' Commit"), (b"\x00", "flags"), (q(commit_lsn), "commitLsn " + lsn(commit_lsn)),
            (q(end_lsn), "endLsn " + lsn(end_lsn)), (q(t), "commitTime")]


def fields(pairs):
    out = []
    for code, value in pairs:
        out.append((code.encode() + value.encode() + b"\x00", "%s %s" % (code, value)))
    out.append((b"\x00", "end of fields"))
    return out


def end(fx, skipped=0):
    fx.expect.append("End offset=%d skipped=%d" % (fx.server_len, skipped))


# --- replication/keepalive ------------------------------------------------------------------------
fx = Fx("replication/keepalive", "a keepalive that asks for a reply, the client's status update, then WAL data")
W = 0x16B3F28
keepalive(fx, W, T0, 1)
fx.cli([("64 00000026", "CopyData, len=38: the client must answer"),
        ("72", "'r' StandbyStatusUpdate"),
        ("00000000 016B3F28 {3}", "written/flushed/applied " + lsn(W) + " (this line x3)"),
        ("........ ........", "clock (wildcard)"),
        ("00", "replyRequested=0")])
xlog(fx, W, W + 0x38, T0 + 0x300, begin(W + 0x38, T0 - 0x500, 744), "Begin")
end(fx)
fx.write()

# --- replication/xlogdata -------------------------------------------------------------------------
fx = Fx("replication/xlogdata", "one transaction as three XLogData messages (pgoutput v1 Begin, Insert, Commit)")
S = 0x1_0000_1000
xlog(fx, S, S + 0x200, T0 + 1, begin(S + 0x180, T0, 745), "Begin")
xlog(fx, S + 0x40, S + 0x200, T0 + 2, insert(16384, [b"42", b"hello", b""]), "Insert")
xlog(fx, S + 0x180, S + 0x200, T0 + 3, commit(S + 0x180, S + 0x1A8, T0), "Commit")
end(fx)
fx.write()

# --- replication/error-in-copy --------------------------------------------------------------------
fx = Fx("replication/error-in-copy", "WAL data, then a FATAL ErrorResponse (walsender terminated), then close")
xlog(fx, S, S + 0x100, T0 + 1, begin(S + 0x80, T0, 746), "Begin")
fx.srv(0x45, fields([("S", "FATAL"), ("V", "FATAL"), ("C", "57P01"),
                     ("M", "terminating connection due to administrator command"),
                     ("F", "postgres.c"), ("L", "3300"), ("R", "ProcessInterrupts")]), "ErrorResponse")
fx.expect.append('ServerError severity=FATAL sqlState=57P01 message="terminating connection due to administrator command"')
end(fx)
fx.write()

# --- replication/notice-in-copy -------------------------------------------------------------------
fx = Fx("replication/notice-in-copy", "a NoticeResponse between two XLogData messages")
xlog(fx, S, S + 0x100, T0 + 1, begin(S + 0x80, T0, 747), "Begin")
fx.srv(0x4E, fields([("S", "WARNING"), ("V", "WARNING"), ("C", "01000"), ("M", "max_slot_wal_keep_size is close")]),
       "NoticeResponse")
fx.expect.append('Notice severity=WARNING sqlState=01000 message="max_slot_wal_keep_size is close"')
xlog(fx, S + 0x80, S + 0x100, T0 + 2, commit(S + 0x80, S + 0xA8, T0), "Commit")
end(fx)
fx.write()

# --- replication/copydone -------------------------------------------------------------------------
fx = Fx("replication/copydone", "logical stream ends: server CopyDone, client CopyDone, CommandComplete x2, ReadyForQuery")
keepalive(fx, W, T0, 0)
fx.srv(0x63, [], "CopyDone")
fx.expect.append("CopyDone")
fx.cli([("63 00000004", "CopyDone from the client")])
fx.srv(0x43, [(b"COPY 0\x00", '"COPY 0"')], "CommandComplete")
fx.expect.append("Frame C len=11")
fx.srv(0x43, [(b"START_REPLICATION\x00", '"START_REPLICATION"')], "CommandComplete")
fx.expect.append("Frame C len=22")
fx.srv(0x5A, [(b"I", "idle")], "ReadyForQuery")
fx.expect.append("Frame Z len=5")
end(fx)
fx.write()

# --- hostile/length-negative ----------------------------------------------------------------------
fx = Fx("hostile/length-negative", "a valid keepalive, then a CopyData header declaring length -1")
keepalive(fx, W, T0, 0)
off = fx.raw_srv(bytes([0x64]) + i32(-1), "CopyData declaring length -1")
fx.raw_srv(b"garbage", "bytes that must never be parsed")
fx.expect.append("!error MalformedFrame offset=%d" % off)
fx.write()

# --- hostile/length-too-small ---------------------------------------------------------------------
fx = Fx("hostile/length-too-small", "a header declaring length 3, below the minimum of 4")
off = fx.raw_srv(bytes([0x64]) + i32(3), "CopyData declaring length 3")
fx.raw_srv(b"\x00\x00\x00", "three more bytes")
fx.expect.append("!error MalformedFrame offset=%d" % off)
fx.write()

# --- hostile/length-over-limit --------------------------------------------------------------------
fx = Fx("hostile/length-over-limit", "an XLogData frame declaring 2 GiB; refused from the header alone")
xlog(fx, S, S + 0x100, T0 + 1, begin(S + 0x80, T0, 748), "Begin")
off = fx.raw_srv(bytes([0x64]) + i32(0x7FFFFFFF), "CopyData declaring length 2147483647")
fx.raw_srv(b"w", "'w' and then nothing more")
fx.expect.append("!error FrameTooLarge offset=%d" % off)
fx.write()

# --- hostile/unknown-tag --------------------------------------------------------------------------
fx = Fx("hostile/unknown-tag", "a frame with a tag no backend message uses, skipped and counted")
xlog(fx, S, S + 0x100, T0 + 1, begin(S + 0x80, T0, 749), "Begin")
fx.srv(0x58, [(b"data", '"data"')], "tag 'X': not a backend message")
keepalive(fx, S + 0x100, T0 + 2, 0)
end(fx, skipped=1)
fx.write()

# --- hostile/truncated-mid-xlogdata ---------------------------------------------------------------
fx = Fx("hostile/truncated-mid-xlogdata", "the connection ends 20 bytes into an XLogData frame of 50")
keepalive(fx, W, T0, 0)
off = fx.raw_srv(bytes([0x64]) + i32(50), "CopyData, len=50 (only 15 body bytes follow)")
fx.raw_srv(b"w" + q(S) + b"\x00\x00\x00\x00\x00\x01", "'w', walStart, 6 bytes of walEnd, then end of stream")
fx.expect.append("!error TruncatedFrame offset=%d" % off)
fx.write()

with open(os.path.join(ROOT, "index.txt"), "w") as f:
    f.write("# Every shipped wire fixture, one name per line (relative, without .pgw). Never list directories.\n")
    for n in ["replication/keepalive", "replication/xlogdata", "replication/error-in-copy",
              "replication/notice-in-copy", "replication/copydone", "hostile/length-negative",
              "hostile/length-too-small", "hostile/length-over-limit", "hostile/unknown-tag",
              "hostile/truncated-mid-xlogdata"]:
        f.write(n + "\n")
    f.write("# Real-server captures, written by integration-tests CaptureFixturesIT (see testkit/tools/README.md).\n")
    for major in (14, 15, 16, 17, 18):
        for kind in ("replication-commands", "scram-query"):
            f.write("captured/pg%d-%s\n" % (major, kind))
