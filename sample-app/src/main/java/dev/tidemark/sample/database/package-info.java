/**
 * Where the sample's PostgreSQL comes from on a developer machine: the configured one, Docker Compose's,
 * or — when neither answers — an embedded PostgreSQL the sample starts itself. Sample code only: the
 * Tidemark starter never starts a database.
 */
@NullMarked
package dev.tidemark.sample.database;

import org.jspecify.annotations.NullMarked;
