/**
 * Training over a whole dataset: {@link org.mynn.core.train.Trainer} runs the book's epochs over a
 * {@link org.mynn.core.train.TrainingData}, tells a {@link org.mynn.core.train.TrainingListener} how it goes and
 * measures the network after each epoch with {@link org.mynn.core.train.Evaluator}.
 */
package org.mynn.core.train;
