/**
 * Training over a whole dataset: {@link org.mynn.core.train.Trainer} runs the book's epochs over a
 * {@link org.mynn.core.train.TrainingData} with {@link org.mynn.core.model.TrainingSettings}, on an engine chosen by
 * the settings ({@link org.mynn.core.train.SgdEngine} per sample, {@link org.mynn.core.train.BatchEngine} per
 * mini-batch; their threads are a {@code RowTeam}), tells a {@link org.mynn.core.train.TrainingListener} how it goes,
 * measures the network after each epoch with {@link org.mynn.core.train.Evaluator} and returns the trained network.
 * Depends on {@code model}, {@code activation} and {@code kernel}.
 */
package org.mynn.core.train;
