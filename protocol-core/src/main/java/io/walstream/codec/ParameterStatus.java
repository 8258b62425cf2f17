package io.walstream.codec;

/**
 * A ParameterStatus ({@code S}) message: a run-time parameter the server reports.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param name the parameter, e.g. {@code server_version}
 * @param value its value
 */
public record ParameterStatus(String name, String value) {
}
