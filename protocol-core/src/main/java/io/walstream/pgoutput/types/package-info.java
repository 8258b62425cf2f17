/**
 * Typed access to pgoutput column values in both PostgreSQL wire formats: the text output functions
 * ({@code binary = false}) and the binary send functions ({@code binary = true}), giving the same Java value
 * for the same datum in both.
 *
 * <p>{@link io.walstream.pgoutput.types.ValueSource} is one column value as it arrived;
 * {@link io.walstream.pgoutput.types.ValueDecoder} turns it into Java values ({@code toObject} lists the Java
 * type of every PostgreSQL type) and prints it as PostgreSQL does ({@code toText});
 * {@link io.walstream.pgoutput.types.RecordMapper} maps a whole row onto a Java record;
 * {@link io.walstream.pgoutput.types.BuiltinTypes} names every built-in type OID. Values without an exact
 * Java counterpart have their own types: {@link io.walstream.pgoutput.types.PgNumeric},
 * {@link io.walstream.pgoutput.types.PgInterval}, {@link io.walstream.pgoutput.types.PgInet},
 * {@link io.walstream.pgoutput.types.PgMacaddr}, {@link io.walstream.pgoutput.types.PgBitString},
 * {@link io.walstream.pgoutput.types.PgGeometry}, {@link io.walstream.pgoutput.types.PgTsVector},
 * {@link io.walstream.pgoutput.types.PgTsQuery}, {@link io.walstream.pgoutput.types.PgTid},
 * {@link io.walstream.pgoutput.types.PgSnapshot}, {@link io.walstream.pgoutput.types.PgRange},
 * {@link io.walstream.pgoutput.types.PgMultirange}, {@link io.walstream.pgoutput.types.PgRecord} (composites)
 * and {@link io.walstream.pgoutput.types.PgArray} (any dimensions, lower bounds kept). Every conversion failure
 * is a {@link io.walstream.pgoutput.types.ValueConversionException}.
 *
 * <p>Inside, one package-private codec class per type family ({@code NumberTypes}, {@code TextTypes},
 * {@code DateTimeTypes}, {@code IdentifierTypes}, {@code NetworkTypes}, {@code GeometricTypes},
 * {@code TextSearchTypes}, {@code RangeTypes}, arrays and unknown types) reads both formats and prints the
 * canonical text; adding a type touches its family's file and {@code BuiltinTypes}.
 */
package io.walstream.pgoutput.types;
