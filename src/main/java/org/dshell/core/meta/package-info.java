/**
 * DIRAC file-catalog metadata queries ({@code find}) and assignments ({@code meta set}), without any
 * database code. The semantics a SQL translation must reproduce, with {@link
 * org.dshell.core.meta.MetaQuery#matches} as the reference:
 * <ul>
 *   <li>Fields are ANDed, and so are the conditions on one field ({@code e>1 e<5} is a range).</li>
 *   <li>A file lacking a value for a field matches no condition on it, {@code !=} and not-in included
 *       (DIRAC's INNER JOIN on the metadata table), so {@code !=} needs {@code value IS NOT NULL}.</li>
 *   <li>Directory fields take the file's effective value, inherited from its directory or above.</li>
 *   <li>SE is multi-valued (one per replica): positive conditions mean "some replica" (EXISTS),
 *       {@code !=} and not-in mean "no replica" (NOT EXISTS); a file without replicas matches neither.</li>
 *   <li>{@link org.dshell.core.meta.Condition#isPattern} conditions use {@code *}/{@code ?} wildcards,
 *       case-sensitive, whole value: SQLite {@code GLOB} once {@code [} is escaped as {@code [[]}.</li>
 *   <li>Strings compare by code point (BINARY collation); dates are UTC {@link java.time.Instant}s.</li>
 * </ul>
 */
package org.dshell.core.meta;
