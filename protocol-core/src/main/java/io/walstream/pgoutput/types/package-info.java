/**
 * Typed access to pgoutput column values in both PostgreSQL wire formats: the text output functions
 * ({@code binary = false}) and the binary send functions ({@code binary = true}).
 *
 * <p>{@link io.walstream.pgoutput.types.ValueSource} is one column value as it arrived;
 * {@link io.walstream.pgoutput.types.ValueDecoder} turns it into Java values;
 * {@link io.walstream.pgoutput.types.RecordMapper} maps a whole row onto a Java record;
 * {@link io.walstream.pgoutput.types.BuiltinTypes} names the built-in type OIDs. Values without an exact
 * Java counterpart have their own types: {@link io.walstream.pgoutput.types.PgNumeric},
 * {@link io.walstream.pgoutput.types.PgInterval} and {@link io.walstream.pgoutput.types.PgInet}. Every
 * conversion failure is a {@link io.walstream.pgoutput.types.ValueConversionException}.
 */
package io.walstream.pgoutput.types;
