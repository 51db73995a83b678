#!/usr/bin/env python3
"""Reference values from the seed's own code, for SeedReferenceTest.

The class below is the seed's `neuralNetwork` (../shared/seed/000_740cd4e12670d5f7.txt), mended only
where its README says it must be: `query` spelled `activation_function` with a Cyrillic letter,
`inverse_activation_function` was never defined (it is scipy.special.logit), and numpy 2 has no
`asfarray`. Its initial weights are replaced by fixed ones so Java can start from the same numbers.

Run:  python3 seed_reference.py > seed-reference.json
"""
import json
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
        self.inverse_activation_function = lambda x: scipy.special.logit(x)   # mended (defect 2)

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
        final_outputs = self.activation_function(final_inputs)            # mended (defect 1)
        return final_outputs

    def backquery(self, targets_list):
        final_outputs = numpy.array(targets_list, ndmin=2).T
        final_inputs = self.inverse_activation_function(final_outputs)
        hidden_outputs = numpy.dot(self.who.T, final_inputs)
        hidden_outputs -= numpy.min(hidden_outputs)
        hidden_outputs /= numpy.max(hidden_outputs)
        hidden_outputs *= 0.98
        hidden_outputs += 0.01
        hidden_inputs = self.inverse_activation_function(hidden_outputs)
        inputs = numpy.dot(self.wih.T, hidden_inputs)
        inputs -= numpy.min(inputs)
        inputs /= numpy.max(inputs)
        inputs *= 0.98
        inputs += 0.01
        return inputs


def encode(pixels):
    # the seed's driver: (numpy.asfarray(all_values[1:]) / 255 * 0.99) + 0.01, asfarray mended (defect 3)
    return (numpy.asarray(pixels, dtype=float) / 255 * 0.99) + 0.01


def main():
    rng = numpy.random.RandomState(20161)
    inodes, hnodes, onodes, lr = 6, 4, 3, 0.3
    n = neuralNetwork(inodes, hnodes, onodes, lr)
    n.wih = rng.normal(0.0, pow(hnodes, -0.5), (hnodes, inodes))
    n.who = rng.normal(0.0, pow(onodes, -0.5), (onodes, hnodes))
    out = {"layers": [inodes, hnodes, onodes], "learningRate": lr,
           "wih": n.wih.tolist(), "who": n.who.tolist(), "steps": []}
    for step in range(5):
        pixels = rng.randint(0, 256, size=inodes).tolist()
        label = int(rng.randint(0, onodes))
        inputs = encode(pixels)
        targets = numpy.zeros(onodes) + 0.01
        targets[label] = 0.99
        before = n.query(inputs).flatten().tolist()
        n.train(inputs, targets)
        out["steps"].append({"pixels": pixels, "label": label, "inputs": inputs.tolist(),
                             "queryBefore": before,
                             "wihAfter": n.wih.tolist(), "whoAfter": n.who.tolist()})
    out["backquery"] = []
    for label in range(onodes):
        targets = numpy.zeros(onodes) + 0.01
        targets[label] = 0.99
        out["backquery"].append(n.backquery(targets).flatten().tolist())
    json.dump(out, __import__("sys").stdout, indent=1)


if __name__ == "__main__":
    main()
