/**
 * A small customers-and-orders service whose three releases rename {@code customers.name} to
 * {@code full_name} with expand, migrate and contract migrations while it keeps serving.
 */
@NullMarked
package dev.tidemark.sample;

import org.jspecify.annotations.NullMarked;
