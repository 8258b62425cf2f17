/**
 * The pgoutput logical decoding protocol, versions 1–4 (PostgreSQL 14–18): the third codec layer, from an
 * XLogData payload to typed messages.
 *
 * <p>{@link io.walstream.pgoutput.PgOutputDecoder} turns one payload into one
 * {@link io.walstream.pgoutput.PgOutputMessage} (a sealed interface with one record per message type) and
 * tracks the Stream Start … Stream Stop blocks inside which changes carry a leading xid.
 * {@link io.walstream.pgoutput.RelationCache} remembers Relation and Type messages and binds each
 * {@link io.walstream.pgoutput.TupleData} to its columns as a {@link io.walstream.pgoutput.Row}, whose
 * {@link io.walstream.pgoutput.ColumnValue}s convert through {@link io.walstream.pgoutput.types.ValueDecoder}.
 *
 * <pre>{@code
 * PgOutputDecoder decoder = PgOutputDecoder.builder(4).parallelStreaming(false).build();
 * RelationCache relations = new RelationCache();
 * PgOutputMessage m = decoder.decode(data, offset, length); // e.g. from WalStream.drain
 * relations.accept(m);
 * if (m instanceof Insert) {
 *     Row row = relations.newRow((Insert) m);
 *     long id = row.get("id").asLong();
 * }
 * }</pre>
 *
 * <p>See <a href="https://www.postgresql.org/docs/current/protocol-logical-replication.html">Logical Streaming
 * Replication Protocol</a> and
 * <a href="https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html">Logical
 * Replication Message Formats</a>.
 */
package io.walstream.pgoutput;
