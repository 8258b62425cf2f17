package io.walstream.it;

import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import org.junit.jupiter.api.Test;

/** Every value of the rich type set, as the server sends it in binary format (`binary 'true'`, protocol 1): send functions, and text for aclitem, which has none, read through the typed accessors. */
@PostgresTest
class PgOutputFidelityBinaryValuesIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void ordinaryValuesOfEveryType(PostgresServer server) {
        PgOutputTypeValues.assertRow1(types(server).inserted("public.fid_types", "id", 1), true);
    }

    @Test
    void nullsAreNulls(PostgresServer server) {
        PgOutputTypeValues.assertRow2AllNull(types(server).inserted("public.fid_types", "id", 2));
    }

    @Test
    void emptyStringsEmptyArraysAndSpecialValues(PostgresServer server) {
        PgOutputTypeValues.assertRow3(types(server).inserted("public.fid_types", "id", 3), true);
    }

    @Test
    void infinitiesNegativeZeroAndBcDates(PostgresServer server) {
        Stream s = types(server);
        PgOutputTypeValues.assertRow4(s.inserted("public.fid_types", "id", 4), true);
        PgOutputTypeValues.assertRow5(s.inserted("public.fid_types", "id", 5), true);
    }

    private static Stream types(PostgresServer server) {
        return PgOutputWorkload.on(server).stream(OptionSet.V1_BINARY);
    }
}
