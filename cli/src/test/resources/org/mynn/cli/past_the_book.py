"""The numpy reference for PastTheBookReferenceTest and bench/past-the-book.sh: the README's first recipe past the book, in float64, written from
the literature's formulas: 784-64-32-10, relu hidden layers with He's initial weights (std sqrt(2/fan-in)) and zero
biases, softmax output with cross-entropy, mini-batches of 32 with the gradient averaged, classical momentum 0.9
(v = mu v - lr g, w += v), learning rate 0.05, the samples in a fresh random order every epoch (as PyTorch's
DataLoader(shuffle=True) and Keras' fit do), inputs scaled as the book scales them. Prints the test accuracy after
each epoch.

usage: past_the_book.py MNIST_DIR EPOCHS SEED [--order file]
MNIST_DIR holds the four IDX files (raw or .gz) as mynn's cache does.
"""
import gzip
import os
import sys

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
    folder, epochs, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    shuffle = "--order" not in sys.argv or sys.argv[sys.argv.index("--order") + 1] != "file"
    rng = np.random.default_rng(seed)
    x = load(folder, "train-images-idx3-ubyte").reshape(-1, 784) / 255.0 * 0.99 + 0.01
    y = load(folder, "train-labels-idx1-ubyte").astype(np.int64)
    xt = load(folder, "t10k-images-idx3-ubyte").reshape(-1, 784) / 255.0 * 0.99 + 0.01
    yt = load(folder, "t10k-labels-idx1-ubyte").astype(np.int64)
    sizes = [784, 64, 32, 10]
    w = [rng.standard_normal((sizes[k + 1], sizes[k])) * np.sqrt(2.0 / sizes[k]) for k in range(3)]
    b = [np.zeros(sizes[k + 1]) for k in range(3)]
    vw = [np.zeros_like(m) for m in w]
    vb = [np.zeros_like(v) for v in b]
    lr, mu, batch = 0.05, 0.9, 32
    onehot = np.eye(10)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x)) if shuffle else np.arange(len(x))
        for i in range(0, len(x), batch):
            rows = order[i:i + batch]
            a = [x[rows]]
            for k in range(3):
                z = a[-1] @ w[k].T + b[k]
                if k < 2:
                    a.append(np.maximum(z, 0))
                else:
                    z = z - z.max(axis=1, keepdims=True)
                    e = np.exp(z)
                    a.append(e / e.sum(axis=1, keepdims=True))
            d = (a[3] - onehot[y[rows]]) / len(rows)          # dL/dz of the output, averaged over the batch
            for k in (2, 1, 0):
                gw = d.T @ a[k]
                gb = d.sum(axis=0)
                if k > 0:
                    d = (d @ w[k]) * (a[k] > 0)               # the true gradient: through relu's derivative
                vw[k] = mu * vw[k] - lr * gw
                vb[k] = mu * vb[k] - lr * gb
                w[k] += vw[k]
                b[k] += vb[k]
        h = xt
        for k in range(3):
            h = h @ w[k].T + b[k]
            if k < 2:
                h = np.maximum(h, 0)
        print(f"epoch {epoch} test accuracy {(h.argmax(axis=1) == yt).mean():.4f}", flush=True)


if __name__ == "__main__":
    main()
