/**
 * The JSON shape of change events: {@link io.walstream.json.JsonEventWriter} writes one object per line for
 * each insert, update, delete, truncated table and logical message (and optionally each begin and commit);
 * {@link io.walstream.json.CommitInfo} carries the transaction context every change object repeats.
 * The shape is documented field by field in {@code docs/json.md}.
 */
package io.walstream.json;
