"""The plain-numpy reference for bench/beyond-98.sh: a 784-800-10 multilayer perceptron in float32 mini-batches,
sigmoid hidden layer with biases, softmax output with cross-entropy, batch 64, classical momentum 0.9, learning
rate 0.1, inputs scaled as the book scales them; or, with OPTIMIZER adam, Adam with mynn's settings (b1 0.9,
b2 0.999, eps 1e-8, lr 0.001, the bias corrections 1 - b^t per batch: p -= lr (m / c1) / (sqrt(v / c2) + eps)).
Prints one line per epoch: epoch, test accuracy, seconds so far, this epoch's training seconds (without the test).

usage: numpy_mlp.py MNIST_DIR EPOCHS [SEED [OPTIMIZER]]     OPTIMIZER: momentum (the default) or adam
MNIST_DIR holds the four IDX files (raw or .gz) as mynn's cache does.
"""
import gzip
import os
import sys
import time

import numpy as np


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, name):
    for candidate in (name, name + ".gz"):
        p = os.path.join(folder, candidate)
        if os.path.exists(p):
            return idx(p)
    raise SystemExit(f"{folder}: no {name}")


def main():
    folder, epochs = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    optimizer = sys.argv[4] if len(sys.argv) > 4 else "momentum"
    if optimizer not in ("momentum", "adam"):
        raise SystemExit(f"optimizer '{optimizer}' is not momentum or adam")
    x = (load(folder, "train-images-idx3-ubyte").reshape(-1, 784) / 255.0 * 0.99 + 0.01).astype(np.float32)
    y = load(folder, "train-labels-idx1-ubyte").astype(np.int64)
    xt = (load(folder, "t10k-images-idx3-ubyte").reshape(-1, 784) / 255.0 * 0.99 + 0.01).astype(np.float32)
    yt = load(folder, "t10k-labels-idx1-ubyte").astype(np.int64)
    w1 = (rng.standard_normal((784, 800)) * 784 ** -0.5).astype(np.float32)
    b1 = np.zeros(800, np.float32)
    w2 = (rng.standard_normal((800, 10)) * 800 ** -0.5).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    params = [w1, b1, w2, b2]
    velocity = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    lr, mu, batch = np.float32(0.1), np.float32(0.9), 64
    adam = optimizer == "adam"
    if adam:
        lr, b1, b2, eps = np.float32(0.001), 0.9, 0.999, np.float32(1e-8)
    t = 0
    onehot = np.eye(10, dtype=np.float32)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        began = time.perf_counter()
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch):
            idx_ = order[i:i + batch]
            a0 = x[idx_]
            h = 1 / (1 + np.exp(-(a0 @ w1 + b1)))
            z = h @ w2 + b2
            z -= z.max(axis=1, keepdims=True)
            o = np.exp(z)
            o /= o.sum(axis=1, keepdims=True)
            d2 = (o - onehot[y[idx_]]) / len(idx_)
            d1 = (d2 @ w2.T) * h * (1 - h)
            grads = [a0.T @ d1, d1.sum(axis=0), h.T @ d2, d2.sum(axis=0)]
            t += 1
            if adam:
                c1, c2 = np.float32(1 - b1 ** t), np.float32(1 - b2 ** t)
                for p, m, v, g in zip(params, velocity, second, grads):
                    m *= np.float32(b1)
                    m += np.float32(1 - b1) * g
                    v *= np.float32(b2)
                    v += np.float32(1 - b2) * g * g
                    p -= lr * (m / c1) / (np.sqrt(v / c2) + eps)
                continue
            for p, v, g in zip(params, velocity, grads):
                v *= mu
                v -= lr * g
                p += v
        trained = time.perf_counter() - began
        h = 1 / (1 + np.exp(-(xt @ w1 + b1)))
        accuracy = float(((h @ w2 + b2).argmax(axis=1) == yt).mean())
        print(f"{epoch} {accuracy:.4f} {time.perf_counter() - start:.1f} {trained:.3f}", flush=True)


if __name__ == "__main__":
    main()
