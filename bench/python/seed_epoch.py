#!/usr/bin/env python3
"""The seed's own code (../shared/seed/000_740cd4e12670d5f7.txt), mended only as its README says
(the Cyrillic letter in query, the missing inverse_activation_function, numpy 2's lost asfarray; the
class is the one in core/src/test/resources/org/mynn/core/model/seed_reference.py), run on the book's CSV
files for a number of epochs, with the seed's driver loop. It prints one line of JSON:
{"epochs": E, "train_seconds": [...per epoch...], "test_seconds": S, "accuracy": A, "numpy": "2.x"}

Usage: seed_epoch.py mnist_train.csv mnist_test.csv [epochs] [seed]
"""
import importlib.util
import json
import os
import sys
import time

import numpy


def load_seed_class():
    """The seed's neuralNetwork class, from the one copy kept beside the core's reference test."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "core", "src", "test", "resources", "org", "mynn", "core", "model", "seed_reference.py")
    spec = importlib.util.spec_from_file_location("seed_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.neuralNetwork


neuralNetwork = load_seed_class()


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
