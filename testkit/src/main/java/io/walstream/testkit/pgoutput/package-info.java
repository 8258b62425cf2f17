/**
 * Building pgoutput streams for tests: {@link io.walstream.testkit.pgoutput.PgOutputWriter} encodes every
 * {@link io.walstream.pgoutput.PgOutputMessage}, including streamed blocks, as the server would.
 */
package io.walstream.testkit.pgoutput;
