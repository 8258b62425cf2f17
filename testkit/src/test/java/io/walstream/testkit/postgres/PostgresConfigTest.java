package io.walstream.testkit.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfigTest {

    @Test
    void defaultsEnableLogicalReplicationAndTrustLoopback() {
        PostgresConfig config = PostgresConfig.defaults();
        assertEquals(Map.of("wal_level", "logical", "max_wal_senders", "10", "max_replication_slots", "10",
                "max_prepared_transactions", "10"), config.settings());
        assertEquals(List.of("local all all trust", "host all all 127.0.0.1/32 trust",
                "host replication all 127.0.0.1/32 trust"), config.hbaLines());
        assertEquals(List.of(), config.roles());
    }

    @Test
    void builderOverridesRemovesAndKeepsOrder() {
        PostgresConfig config = PostgresConfig.builder()
                .setting("wal_sender_timeout", "5s")
                .setting("max_wal_senders", 4)
                .withoutSetting("max_prepared_transactions")
                .build();
        assertEquals(List.of("wal_level", "max_wal_senders", "max_replication_slots", "wal_sender_timeout"),
                List.copyOf(config.settings().keySet()));
        assertEquals("4", config.settings().get("max_wal_senders"));
        assertEquals(config.settings(), config.toBuilder().build().settings());
    }

    @Test
    void invalidInputIsRejected() {
        PostgresConfig.Builder builder = PostgresConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.setting("bad name", "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.setting("work_mem", "1\n2"));
        assertThrows(IllegalArgumentException.class, () -> builder.hbaLine("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> builder.role(PostgresRole.user("postgres", "x")));
        builder.role(PostgresRole.user("u", "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.role(PostgresRole.user("u", "y")));
        assertThrows(IllegalArgumentException.class, () -> PostgresRole.user("a\nb", "x"));
    }

    @Test
    void settingsAreQuotedForPostgresqlConf() {
        assertEquals("'it''s \\\\ here'", ClusterFiles.quote("it's \\ here"));
        String block = ClusterFiles.settingsBlock(PostgresConfig.defaults().settings());
        assertTrue(block.contains("\nwal_level = 'logical'\n"), block);
    }

    @Test
    void roleStatementsSetEncryptionBeforeEachPassword() {
        List<String> statements = RoleStatements.create(List.of(
                PostgresRole.user("md5 \"user\"", "pa'ss").withEncryption(PasswordEncryption.MD5)
                        .withReplication(true),
                PostgresRole.user("nopass", null).withLogin(false)));
        assertEquals(List.of(
                "SET password_encryption = 'md5';",
                "CREATE ROLE \"md5 \"\"user\"\"\" WITH LOGIN REPLICATION PASSWORD 'pa''ss';",
                "CREATE ROLE \"nopass\" WITH NOLOGIN NOREPLICATION;"), statements);
    }

    @Test
    void roleToStringHidesPassword() {
        String text = PostgresRole.user("u", "secret-value").toString();
        assertFalse(text.contains("secret-value"), text);
    }

    @Test
    void versionNumbersFollowServerVersionNum() {
        assertEquals("16.10", PostgresInstallation.parseVersionOutput("postgres (PostgreSQL) 16.10\n"));
        assertEquals(160010, PostgresInstallation.versionNum("16.10"));
        assertEquals(140022, PostgresInstallation.versionNum("14.22"));
        assertEquals(180001, PostgresInstallation.versionNum("18.1"));
    }
}
