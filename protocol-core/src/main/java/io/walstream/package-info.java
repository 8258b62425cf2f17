/**
 * walstream's public value types and exceptions: {@link io.walstream.Lsn} and the
 * {@link io.walstream.WalstreamException} hierarchy.
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
