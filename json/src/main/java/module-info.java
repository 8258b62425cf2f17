/**
 * walstream json: writes change events as JSON lines in the one documented shape (see {@code docs/json.md}),
 * with jackson-core's streaming generator.
 */
module io.walstream.json {
    requires transitive io.walstream.core;
    requires transitive com.fasterxml.jackson.core;

    exports io.walstream.json;
}
