/**
 * The transport conformance suite and its rules.
 */
package io.walstream.testkit;
