/**
 * Password authentication mechanics without I/O: the MD5 response, SASLprep, the SCRAM-SHA-256(-PLUS)
 * client state machine and the libpq rules for choosing a SASL mechanism. Not exported; not API.
 *
 * <p>The connection code feeds server messages in and writes the returned bytes out; nothing here reads
 * or writes a socket, logs a secret or keeps a password longer than the exchange needs. Failures are
 * {@link io.walstream.AuthenticationException}s whose messages never contain the password, proofs or
 * signatures.
 *
 * <p>Reference: {@code spec/frontend-backend.md} section 4, RFC 5802, RFC 7677, RFC 4013, RFC 3454.
 */
package io.walstream.internal.auth;
