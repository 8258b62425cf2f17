/**
 * A scripted fake walsender on a loopback port, in the spirit of OkHttp's {@code MockWebServer}: it
 * authenticates a client (trust, cleartext, MD5, SCRAM-SHA-256), answers the replication commands a stream
 * sends, streams pgoutput messages built with {@link io.walstream.testkit.pgoutput.PgOutputWriter}, records
 * every standby status update with its arrival time, and injects faults (cut after N bytes, stall, trickle,
 * reset). Use it to test a consumer without PostgreSQL: {@link io.walstream.testkit.walsender.FakeWalSender}.
 */
package io.walstream.testkit.walsender;
