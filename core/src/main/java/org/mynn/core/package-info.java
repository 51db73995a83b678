/**
 * The network of "Make Your Own Neural Network": {@link org.mynn.core.NeuralNetwork} holds the layer sizes,
 * one weight matrix per pair of layers (shaped like the book's {@code wih} and {@code who}), one activation per
 * matrix and the learning rate, and offers the book's three operations: {@code train}, {@code query} and
 * {@code backquery}. Everything else in mynn builds on this package; it depends on nothing else of mynn's.
 */
package org.mynn.core;
