/**
 * The {@code walstream} command ({@link io.walstream.cli.Main}): {@code demo}, {@code stream}, {@code slot} and
 * {@code identify} on picocli. Shipped as a class-path uber jar ({@code cli/target/walstream.jar}), so this
 * module has no {@code module-info.java}: the PostgreSQL launcher it uses lives in the testkit module, whose
 * descriptor requires JUnit, which the command leaves out.
 */
package io.walstream.cli;
