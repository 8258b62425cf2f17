package io.walstream.it;

import io.walstream.it.PgOutputWorkload.OptionSet;
import io.walstream.it.PgOutputWorkload.Stream;
import io.walstream.testkit.postgres.PostgresConfig;
import io.walstream.testkit.postgres.PostgresServer;
import io.walstream.testkit.postgres.PostgresTest;
import org.junit.jupiter.api.Test;

/** Every value of the rich type set, as the server sends it in text format (`binary` off, protocol 1), read through the typed accessors. */
@PostgresTest
class PgOutputFidelityTextValuesIT {

    static PostgresConfig postgresConfig() {
        return PgOutputWorkload.config();
    }

    @Test
    void ordinaryValuesOfEveryType(PostgresServer server) {
        PgOutputTypeValues.assertRow1(types(server).inserted("public.fid_types", "id", 1), false);
    }

    @Test
    void nullsAreNulls(PostgresServer server) {
        PgOutputTypeValues.assertRow2AllNull(types(server).inserted("public.fid_types", "id", 2));
    }

    @Test
    void emptyStringsEmptyArraysAndSpecialValues(PostgresServer server) {
        PgOutputTypeValues.assertRow3(types(server).inserted("public.fid_types", "id", 3), false);
    }

    @Test
    void infinitiesNegativeZeroAndBcDates(PostgresServer server) {
        Stream s = types(server);
        PgOutputTypeValues.assertRow4(s.inserted("public.fid_types", "id", 4), false);
        PgOutputTypeValues.assertRow5(s.inserted("public.fid_types", "id", 5), false);
    }

    private static Stream types(PostgresServer server) {
        return PgOutputWorkload.on(server).stream(OptionSet.V1);
    }
}
