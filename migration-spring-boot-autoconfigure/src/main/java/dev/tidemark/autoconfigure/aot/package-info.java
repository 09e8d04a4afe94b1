/**
 * Ahead-of-time support for GraalVM native images: the resources and reflection Tidemark needs.
 */
@NullMarked
package dev.tidemark.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
