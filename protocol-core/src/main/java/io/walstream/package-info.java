/**
 * walstream's public API: {@link io.walstream.LogicalReplicationStream} (the entry point, configured with
 * {@link io.walstream.ReplicationConfig}), its events and transactions, {@link io.walstream.Lsn} and the
 * {@link io.walstream.WalstreamException} hierarchy.
 *
 * <h2>Reconnecting and delivery guarantees</h2>
 * <p>Transient failures (connection lost or refused, server shutdown or restart, walsender timeout, a server
 * silent for {@link io.walstream.ReplicationConfig#receiveTimeout()}, a start-up or {@code START_REPLICATION}
 * answer deadline passed, a slot still held by a previous consumer) reconnect according to the
 * {@link io.walstream.ReconnectPolicy} — also while {@link io.walstream.LogicalReplicationStream#open} and the first
 * {@link io.walstream.LogicalReplicationStream#start()} run — and resume from the last <em>flushed</em> position;
 * each failure and retry is logged at WARN. Every session checks with {@code IDENTIFY_SYSTEM} that it talks to the
 * same cluster as the first (a different one ends the stream with {@link io.walstream.ClusterMismatchException};
 * a new timeline is logged), and checks the slot and the publications before streaming. The server then resends
 * every transaction not yet flushed; those whose commit this stream already delivered are skipped, so each
 * committed transaction reaches the application once per stream. A transaction that was cut off before its commit
 * is delivered again from its Begin (a raw-message consumer sees a second Begin for the same xid and must discard
 * the partial one). Permanent failures (authentication, a missing or invalidated slot, removed WAL, a missing
 * publication, bad configuration) end the stream at once with the server's SQLSTATE.
 *
 * <h2>Absent values: {@code null} or {@code Optional}</h2>
 * One rule across the event and transaction API:
 * <ul>
 *   <li>A field that is absent because of <em>what kind of thing</em> it is — known before looking, from
 *       {@link io.walstream.ReplicationEvent#operation()} or {@link io.walstream.Transaction#kind()} — is
 *       {@code null}: {@code before()} of an INSERT, {@code after()} of a DELETE, {@code table()} of a COMMIT,
 *       {@code gid()} of a non-two-phase {@link io.walstream.Transaction}. Such accessors say so in their
 *       Javadoc.</li>
 *   <li>A field that may or may not be there for the <em>same</em> kind, depending on the server or on timing —
 *       the commit LSN and time of a streamed transaction still in progress, the xid of a message outside a
 *       transaction, an origin, the gid of a {@link io.walstream.TransactionInfo} — is an {@code Optional}
 *       ({@code OptionalLong} for numbers).</li>
 *   <li>pgoutput message records ({@link io.walstream.pgoutput}) mirror the wire: a field the message format
 *       makes optional (the leading xid inside a stream block) is an {@code OptionalInt}; nothing there is
 *       {@code null}.</li>
 * </ul>
 *
 * <h2>Transaction ids and OIDs</h2>
 * Both are unsigned 32-bit numbers in PostgreSQL. The message records keep the wire's {@code int} (negative
 * above 2,147,483,647) and offer {@code xidLong()}; the higher-level API ({@link io.walstream.TransactionInfo},
 * {@link io.walstream.ReplicationEvent}) returns the unsigned value as a {@code long}. Print an {@code int} xid
 * or OID with {@link io.walstream.pgoutput.Xids#toString(int)} / {@link io.walstream.pgoutput.Oids#toString(int)};
 * every {@code describe()} prints them unsigned (a record's generated {@code toString()} shows the raw {@code int}).
 */
package io.walstream;
