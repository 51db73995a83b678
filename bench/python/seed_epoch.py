#!/usr/bin/env python3
"""The seed's own code (../shared/seed/000_740cd4e12670d5f7.txt), mended only as its README says
(the Cyrillic letter in query, the missing inverse_activation_function, numpy 2's lost asfarray),
run on the book's CSV files for a number of epochs. It prints one line of JSON:
{"epochs": E, "train_seconds": [...per epoch...], "test_seconds": S, "accuracy": A, "numpy": "2.x"}

Usage: seed_epoch.py mnist_train.csv mnist_test.csv [epochs] [seed]
"""
import json
import sys
import time

import numpy
import scipy.special


class neuralNetwork:
    def __init__(self, inputnodes, hiddennodes, outputnodes, learningrate):
        self.inodes = inputnodes
        self.hnodes = hiddennodes
        self.onodes = outputnodes
        self.wih = numpy.random.normal(0.0, pow(self.hnodes, -0.5), (self.hnodes, self.inodes))
        self.who = numpy.random.normal(0.0, pow(self.onodes, -0.5), (self.onodes, self.hnodes))
        self.lr = learningrate
        self.activation_function = lambda x: scipy.special.expit(x)
        self.inverse_activation_function = lambda x: scipy.special.logit(x)

    def train(self, inputs_list, targets_list):
        inputs = numpy.array(inputs_list, ndmin=2).T
        targets = numpy.array(targets_list, ndmin=2).T
        hidden_inputs = numpy.dot(self.wih, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = numpy.dot(self.who, hidden_outputs)
        final_outputs = self.activation_function(final_inputs)
        output_errors = targets - final_outputs
        hidden_errors = numpy.dot(self.who.T, output_errors)
        self.who += self.lr * numpy.dot((output_errors * final_outputs * (1.0 - final_outputs)),
                                        numpy.transpose(hidden_outputs))
        self.wih += self.lr * numpy.dot((hidden_errors * hidden_outputs * (1.0 - hidden_outputs)),
                                        numpy.transpose(inputs))

    def query(self, inputs_list):
        inputs = numpy.array(inputs_list, ndmin=2).T
        hidden_inputs = numpy.dot(self.wih, inputs)
        hidden_outputs = self.activation_function(hidden_inputs)
        final_inputs = numpy.dot(self.who, hidden_outputs)
        final_outputs = self.activation_function(final_inputs)
        return final_outputs


def main():
    train_file, test_file = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    if len(sys.argv) > 4:
        numpy.random.seed(int(sys.argv[4]))
    input_nodes, hidden_nodes, output_nodes, learning_rate = 784, 200, 10, 0.1
    n = neuralNetwork(input_nodes, hidden_nodes, output_nodes, learning_rate)
    with open(train_file, 'r') as f:
        training_data_list = f.readlines()
    seconds = []
    for e in range(epochs):
        start = time.perf_counter()
        for record in training_data_list:
            all_values = record.split(',')
            inputs = (numpy.asarray(all_values[1:], dtype=float) / 255 * 0.99) + 0.01
            targets = numpy.zeros(output_nodes) + 0.01
            targets[int(all_values[0])] = 0.99
            n.train(inputs, targets)
        seconds.append(time.perf_counter() - start)
    with open(test_file, 'r') as f:
        test_data_list = f.readlines()
    start = time.perf_counter()
    scorecard = []
    for record in test_data_list:
        all_values = record.split(',')
        correct_label = int(all_values[0])
        inputs = (numpy.asarray(all_values[1:], dtype=float) / 255 * 0.99) + 0.01
        outputs = n.query(inputs)
        label = numpy.argmax(outputs)
        scorecard.append(1 if label == correct_label else 0)
    test_seconds = time.perf_counter() - start
    scorecard_array = numpy.asarray(scorecard)
    print(json.dumps({"epochs": epochs, "train_seconds": seconds, "test_seconds": test_seconds,
                      "accuracy": scorecard_array.sum() / scorecard_array.size, "numpy": numpy.__version__}))


if __name__ == "__main__":
    main()
