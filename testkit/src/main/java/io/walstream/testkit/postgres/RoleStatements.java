package io.walstream.testkit.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link PostgresRole}s into SQL statements, one per line, for single-user mode.
 *
 * <p><b>Thread safety:</b> stateless; safe for concurrent use.
 */
final class RoleStatements {
    private RoleStatements() {
    }

    static List<String> create(List<PostgresRole> roles) {
        List<String> statements = new ArrayList<>();
        for (PostgresRole role : roles) {
            StringBuilder create = new StringBuilder("CREATE ROLE ").append(identifier(role.name())).append(" WITH ")
                    .append(role.login() ? "LOGIN" : "NOLOGIN")
                    .append(role.replication() ? " REPLICATION" : " NOREPLICATION");
            if (role.password() != null) {
                statements.add("SET password_encryption = " + literal(role.encryption().settingValue()) + ";");
                create.append(" PASSWORD ").append(literal(role.password()));
            }
            statements.add(create.append(';').toString());
        }
        return statements;
    }

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
