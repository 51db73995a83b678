/**
 * mynn's core, the network of "Make Your Own Neural Network" as a library. This root package is its base: the one
 * error type ({@link org.mynn.core.MynnException}) and labelled enums ({@link org.mynn.core.Labelled}); it depends
 * on nothing. The packages above it, bottom to top (each uses only those below it; an architecture test says so):
 *
 * <ul>
 *   <li>{@code kernel}: the hot loops (Vector API or plain Java), in double and float;</li>
 *   <li>{@code activation}: the activation plugin interface, its built-ins, contract and registry;</li>
 *   <li>{@code model}: the network, its per-sample math (query, train, backquery) and the records of how it was
 *       made (settings, provenance);</li>
 *   <li>{@code train}: training over datasets: engines, their thread team, the trainer, evaluation;</li>
 *   <li>{@code io}: model files (JSON), numpy arrays, atomic writes;</li>
 *   <li>{@code inject}: the Guice wiring, at the edge.</li>
 * </ul>
 */
package org.mynn.core;
