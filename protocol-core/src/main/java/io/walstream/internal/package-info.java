/**
 * Implementation details shared inside protocol-core. Not exported; not API.
 */
package io.walstream.internal;
