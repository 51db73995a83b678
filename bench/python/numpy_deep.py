"""The plain-numpy reference for bench/compare-deep.sh: Ciresan et al. (2010)'s plain MLP, 784-2500-2000-1500-1000-500-10,
tanh hidden layers with biases, softmax output with cross-entropy, float32 mini-batches of 64 with classical momentum
0.9 (lr 0.01), inputs scaled as the book scales them, on the first SAMPLES training images, shuffled every epoch.
Prints one line per epoch: epoch, this epoch's training seconds, samples per second.

usage: numpy_deep.py MNIST_DIR SAMPLES EPOCHS
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_mlp import load  # noqa: E402

SIZES = [784, 2500, 2000, 1500, 1000, 500, 10]


def main():
    folder, samples, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(1)
    x = (load(folder, "train-images-idx3-ubyte").reshape(-1, 784)[:samples] / 255.0 * 0.99 + 0.01).astype(np.float32)
    y = load(folder, "train-labels-idx1-ubyte").astype(np.int64)[:samples]
    w = [(rng.standard_normal((a, b)) * b ** -0.5).astype(np.float32) for a, b in zip(SIZES, SIZES[1:])]
    bias = [np.zeros(b, np.float32) for b in SIZES[1:]]
    params = w + bias
    velocity = [np.zeros_like(p) for p in params]
    lr, mu, batch = np.float32(0.01), np.float32(0.9), 64
    onehot = np.eye(10, dtype=np.float32)
    for epoch in range(epochs):
        t0 = time.perf_counter()
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch):
            ix = order[i:i + batch]
            acts = [x[ix]]
            for layer in range(len(w) - 1):
                acts.append(np.tanh(acts[-1] @ w[layer] + bias[layer]))
            z = acts[-1] @ w[-1] + bias[-1]
            z -= z.max(axis=1, keepdims=True)
            o = np.exp(z)
            o /= o.sum(axis=1, keepdims=True)
            d = (o - onehot[y[ix]]) / len(ix)
            gw = [None] * len(w)
            gb = [None] * len(w)
            for layer in range(len(w) - 1, -1, -1):
                gw[layer] = acts[layer].T @ d
                gb[layer] = d.sum(axis=0)
                if layer > 0:
                    d = (d @ w[layer].T) * (1 - acts[layer] * acts[layer])
            for p, v, g in zip(params, velocity, gw + gb):
                v *= mu
                v -= lr * g
                p += v
        t = time.perf_counter() - t0
        print(f"{epoch + 1} {t:.3f} {samples / t:.1f}", flush=True)


if __name__ == "__main__":
    main()
