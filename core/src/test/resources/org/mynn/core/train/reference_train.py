#!/usr/bin/env python3
"""An outside reference for mynn's training: a multilayer perceptron trained in numpy, float64, from the textbook
formulas. It is written from the literature, not from mynn's Java, so that a test can hold mynn's training against it.

    python3 reference_train.py cases.json results.json

Notation: a network of layers n_0 .. n_L; weight matrix W_l has n_{l+1} rows and n_l columns (row r holds the weights
into node r of the next layer), bias vector b_l has n_{l+1} values. For a batch of B samples (one per row of X):

    z_l = a_l W_l^T + b_l,   a_{l+1} = f_l(z_l),   a_0 = X

Losses, per sample (the batch's loss is their MEAN over the batch, as PyTorch's and Keras' default reduction):

    mse            L = 1/2 sum_k (t_k - o_k)^2     the sum-of-squares error of Bishop (PRML eq. 5.11) and Nielsen's
                                                   quadratic cost; the book's (Rashid), whose output update is
                                                   lr * (e * f'(o)) (outer) prev with e = t - o
    cross-entropy  L = -sum_k t_k log o_k          after a softmax output (one-hot targets); dL/dz = o sum(t) - t
    mse-mean       L = 1/K sum_k (t_k - o_k)^2     PyTorch's MSELoss and Keras' mean_squared_error (K outputs):
                                                   the gradient is 2/K times that of mse

Backpropagation (rule "gradient", Rumelhart, Hinton and Williams 1986; Goodfellow et al., Deep Learning, 6.5):

    delta_L = dL/dz_L                     (output layer)
    delta_l = (delta_{l+1} W_{l+1}) * f_l'(z_l)
    dL/dW_l = mean over the batch of delta_l (outer) a_l,   dL/db_l = mean over the batch of delta_l

with every delta computed from the weights BEFORE the step. Rule "book" (Rashid, "Make Your Own Neural Network", as in
its code generalised to more layers): the output error e_L = t - o is split back along the weights without any
derivative, e_l = e_{l+1} W_{l+1}, and each layer moves along (e_l * f_l'(z_l)) (outer) a_l; at the output layer the
update is the loss's own (-dL/dz_L), so for mse with one layer it is exactly the gradient.

Optimizers, with g the gradient (or, for the book's rule, minus its direction):

    sgd       p -= lr g
    momentum  v = mu v - lr g;  p += v                       (Sutskever, Martens, Dahl, Hinton 2013, eqs. 1-2)
    nesterov  v = mu v - lr grad f(theta + mu v); theta += v (Sutskever et al. 2013, eqs. 3-4: the gradient at the
              look-ahead point). The parameters the network runs with, and that are reported, are the look-ahead
              point p = theta + mu v (what Keras and PyTorch keep).
    adam      m = b1 m + (1 - b1) g;  s = b2 s + (1 - b2) g^2;  t += 1
              p -= lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)    (Kingma and Ba 2015, Algorithm 1)

Defaults of the settings: momentum and nesterov mu 0.9; adam b1 0.9, b2 0.999, eps 1e-8 (the paper's). A spec such as
"nesterov:0.8" or "adam:0.9:0.99:1e-7" gives them. One step per batch; the step count t of Adam runs on across epochs.

Activations and their derivatives, written from the definitions (each derivative as a function of z):

    sigmoid     1 / (1 + e^-z)                 f' = f (1 - f)
    tanh        tanh z                         f' = 1 - tanh^2 z
    relu        max(0, z)                      f' = 1 for z > 0, else 0
    leaky-relu  z for z > 0, else 0.01 z       f' = 1 for z > 0, else 0.01
    softplus    ln(1 + e^z)                    f' = sigmoid(z)
    softmax     e^z_i / sum_j e^z_j            (output layer only, with cross-entropy)

Input (JSON): {"cases": [case, ...]}, each case:
    name, sizes [n_0 .. n_L], activations [L names], loss, rule ("gradient" | "book"), lr, batch, optimizer (spec),
    weights [L matrices as lists of rows], biases (L vectors, or null),
    inputs [N rows], targets [N rows] (as the loss uses them), orders [one permutation of 0..N-1 per epoch],
    snapshots [[epoch, samples done in that epoch], ...]
Each epoch visits the samples in its order, in consecutive batches of `batch` (the last one may be smaller and is
averaged over its own size, as PyTorch's DataLoader with drop_last=False).
Output (JSON): {"cases": [{"name", "snapshots": [{"epoch", "done", "weights", "biases"}, ...]}, ...]}
"""

import json
import sys

import numpy as np

LEAKY_SLOPE = 0.01


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def activate(name, z):
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky-relu":
        return np.where(z > 0, z, LEAKY_SLOPE * z)
    if name == "softplus":
        return np.logaddexp(0.0, z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError("unknown activation " + name)


def derivative(name, z):
    """f'(z), elementwise activations only."""
    if name == "sigmoid":
        s = sigmoid(z)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return (z > 0).astype(np.float64)
    if name == "leaky-relu":
        return np.where(z > 0, 1.0, LEAKY_SLOPE)
    if name == "softplus":
        return sigmoid(z)
    raise ValueError("no elementwise derivative for " + name)


def output_gradient(loss, act, z, o, t):
    """dL/dz of the output layer, one row per sample."""
    if loss in ("mse", "mse-mean") and act == "softmax":
        raise ValueError("mse after softmax is not part of this reference")
    if loss == "mse":
        return (o - t) * derivative(act, z)
    if loss == "mse-mean":
        return 2.0 / o.shape[1] * (o - t) * derivative(act, z)
    if loss == "cross-entropy":
        if act == "softmax":
            return o * t.sum(axis=1, keepdims=True) - t
        if act == "sigmoid":
            return o - t
        raise ValueError("cross-entropy after " + act + " is not part of this reference")
    raise ValueError("unknown loss " + loss)


def gradients(case, W, b, X, T):
    """The gradient (rule "gradient") or minus the book's update direction (rule "book") of every W_l and b_l, averaged
    over the batch X (one sample per row)."""
    acts = case["activations"]
    L = len(W)
    a = [X]
    z = []
    for l in range(L):
        zl = a[l] @ W[l].T
        if b is not None:
            zl = zl + b[l]
        z.append(zl)
        a.append(activate(acts[l], zl))
    o = a[L]
    n = X.shape[0]
    delta = [None] * L
    delta[L - 1] = output_gradient(case["loss"], acts[L - 1], z[L - 1], o, T)
    if case["rule"] == "gradient":
        for l in range(L - 2, -1, -1):
            delta[l] = (delta[l + 1] @ W[l + 1]) * derivative(acts[l], z[l])
    elif case["rule"] == "book":
        e = T - o
        for l in range(L - 2, -1, -1):
            e = e @ W[l + 1]
            delta[l] = -e * derivative(acts[l], z[l])
    else:
        raise ValueError("unknown rule " + case["rule"])
    gW = [delta[l].T @ a[l] / n for l in range(L)]
    gb = [delta[l].sum(axis=0) / n for l in range(L)] if b is not None else None
    return gW, gb


def settings(spec):
    parts = spec.split(":")
    name = parts[0]
    given = [float(x) for x in parts[1:]]
    defaults = {"sgd": [], "momentum": [0.9], "nesterov": [0.9], "adam": [0.9, 0.999, 1e-8]}[name]
    if len(given) > len(defaults):
        raise ValueError("too many settings in " + spec)
    return name, given + defaults[len(given):]


class Optimizer:
    """Keeps the parameters as a flat list of arrays (the weight matrices, then the bias vectors)."""

    def __init__(self, spec, lr, params):
        self.name, self.s = settings(spec)
        self.lr = lr
        self.t = 0
        self.theta = [p.copy() for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.m = [np.zeros_like(p) for p in params]

    def params(self):
        """The parameters the network runs with (for nesterov the look-ahead point theta + mu v)."""
        if self.name == "nesterov":
            return [th + self.s[0] * v for th, v in zip(self.theta, self.v)]
        return self.theta

    def step(self, grads):
        self.t += 1
        lr = self.lr
        for i, g in enumerate(grads):
            if self.name == "sgd":
                self.theta[i] = self.theta[i] - lr * g
            elif self.name in ("momentum", "nesterov"):
                # for nesterov, g was taken at the look-ahead point params()
                self.v[i] = self.s[0] * self.v[i] - lr * g
                self.theta[i] = self.theta[i] + self.v[i]
            elif self.name == "adam":
                b1, b2, eps = self.s
                self.m[i] = b1 * self.m[i] + (1 - b1) * g
                self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
                m_hat = self.m[i] / (1 - b1 ** self.t)
                v_hat = self.v[i] / (1 - b2 ** self.t)
                self.theta[i] = self.theta[i] - lr * m_hat / (np.sqrt(v_hat) + eps)
            else:
                raise ValueError("unknown optimizer " + self.name)


def run(case):
    W0 = [np.array(w, dtype=np.float64) for w in case["weights"]]
    L = len(W0)
    has_bias = case.get("biases") is not None
    b0 = [np.array(v, dtype=np.float64) for v in case["biases"]] if has_bias else []
    X = np.array(case["inputs"], dtype=np.float64)
    T = np.array(case["targets"], dtype=np.float64)
    batch = int(case["batch"])
    opt = Optimizer(case["optimizer"], float(case["lr"]), W0 + b0)
    wanted = {(int(e), int(d)) for e, d in case["snapshots"]}
    out = []

    def snapshot(epoch, done):
        p = opt.params()
        out.append({"epoch": epoch, "done": done, "weights": [w.tolist() for w in p[:L]],
                    "biases": [v.tolist() for v in p[L:]] if has_bias else None})

    last_epoch = max(e for e, _ in wanted)
    for epoch in range(1, last_epoch + 1):
        order = np.array(case["orders"][epoch - 1], dtype=np.int64)
        n = len(order)
        if sorted(order.tolist()) != list(range(n)):
            raise ValueError(case["name"] + ": the order of epoch %d is not a permutation" % epoch)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            p = opt.params()
            gW, gb = gradients(case, p[:L], p[L:] if has_bias else None, X[idx], T[idx])
            opt.step(gW + (gb if has_bias else []))
            done = min(start + batch, n)
            if (epoch, done) in wanted:
                snapshot(epoch, done)
    if len(out) != len(wanted):
        raise ValueError(case["name"] + ": snapshots %s were not all reached" % sorted(wanted))
    return {"name": case["name"], "snapshots": out}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: reference_train.py cases.json results.json\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    results = [run(c) for c in cases]
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump({"cases": results}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
