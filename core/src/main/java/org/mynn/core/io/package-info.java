/**
 * Models as JSON files ({@link org.mynn.core.io.ModelJson}) in the documented {@code mynn-model} format, and
 * {@link org.mynn.core.io.AtomicFiles}, which every writer in mynn uses so that a crash never leaves a
 * half-written file.
 */
package org.mynn.core.io;
