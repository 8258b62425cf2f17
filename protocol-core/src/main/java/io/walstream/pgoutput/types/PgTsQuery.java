package io.walstream.pgoutput.types;

/**
 * A {@code tsquery} value in PostgreSQL's text form ({@code 'fat' & ( 'rat' | !'cat' )}): a binary value is
 * printed the way {@code tsqueryout} prints it, so both formats give the same text.
 *
 * <p><b>Thread safety:</b> immutable.
 *
 * @param text the query as PostgreSQL prints it
 */
public record PgTsQuery(String text) {

    /** @return {@link #text()} */
    @Override
    public String toString() {
        return text;
    }
}
