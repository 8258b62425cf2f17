package io.walstream.replication;

/**
 * pgoutput's {@code streaming} option: how transactions larger than {@code logical_decoding_work_mem} are sent.
 *
 * <p><b>Thread safety:</b> immutable.
 */
public enum StreamingMode {
    /** Only after commit, as a whole. */
    OFF("off"),
    /** In chunks while in progress (protocol 2+, PostgreSQL 14+). */
    ON("on"),
    /** In chunks, with abort LSN and time on Stream Abort (protocol 4, PostgreSQL 16+). */
    PARALLEL("parallel");

    private final String value;

    StreamingMode(String value) {
        this.value = value;
    }

    /** @return the option value */
    public String value() {
        return value;
    }
}
