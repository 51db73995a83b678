/**
 * The model: {@link org.mynn.core.model.NeuralNetwork} holds the layer sizes, one weight matrix per pair of layers
 * (shaped like the book's {@code wih} and {@code who}), one activation per matrix, the learning rate and its
 * {@link org.mynn.core.model.Provenance}, and offers the book's three operations on one sample: {@code train},
 * {@code query} and {@code backquery}. {@link org.mynn.core.model.TrainingSettings} says how a dataset is trained.
 * Depends on {@code activation} and {@code kernel}.
 */
package org.mynn.core.model;
