/**
 * The transport conformance suite: {@link io.walstream.testkit.TransportConformanceSuite}, its rules
 * ({@link io.walstream.testkit.ConformanceRule}) and the capabilities a transport declares
 * ({@link io.walstream.testkit.Capabilities}).
 */
package io.walstream.testkit;
