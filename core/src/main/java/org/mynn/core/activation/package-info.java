/**
 * The activation-function plugin interface ({@link org.mynn.core.activation.Activation}), the built-in
 * activations, and the {@link org.mynn.core.activation.ActivationRegistry} that finds every installed one with
 * {@link java.util.ServiceLoader}. A jar that lists its class in
 * {@code META-INF/services/org.mynn.core.activation.Activation} adds an activation without touching mynn.
 */
package org.mynn.core.activation;
