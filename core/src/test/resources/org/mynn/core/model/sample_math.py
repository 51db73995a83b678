"""The math of one sample in numpy, for SampleMathTest: an outside reference for SampleMath.

Reads one case per line of argv[1]:
  name hidden output loss biases rule lr L n_0 ... n_{L-1} inputs... targets... W_0... [b_0...] ... (floats in hex)
Writes to argv[2], per case, lines "name/key v v v ...": z_k, a_k (k = 0..L-1 outputs), e_k, d_k, dwnorm_k,
dwmax_k (the largest |dW_k| entry), loss, after (outputs after one SGD step), lossafter.
"""
import sys
import numpy as np

def act(name, z):
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "softmax":
        e = np.exp(z - z.max())
        return e / e.sum()
    raise ValueError(name)

def back(name, y, up):
    """f' applied to an error: the activation's backward pass written through its outputs y."""
    if name == "sigmoid":
        return up * y * (1 - y)
    if name == "tanh":
        return up * (1 - y * y)
    if name == "relu":
        return up * (y > 0)
    if name == "softmax":
        return y * (up - np.dot(up, y))
    raise ValueError(name)

def loss_value(loss, o, t, out_name):
    if loss == "mse":
        return 0.5 * np.sum((t - o) ** 2)
    if out_name == "softmax":
        return -np.sum(t * np.log(o))
    return -np.sum(t * np.log(o) + (1 - t) * np.log(1 - o))

def forward(acts, W, b, x):
    a = [x]
    z = []
    for k in range(len(W)):
        s = W[k] @ a[k] + (b[k] if b is not None else 0.0)
        z.append(s)
        a.append(act(acts[k], s))
    return z, a

def main():
    out = open(sys.argv[2], "w")
    for line in open(sys.argv[1]):
        tok = line.split()
        if not tok:
            continue
        name, hidden, output, loss, biases, rule = tok[:6]
        lr = float.fromhex(tok[6])
        L = int(tok[7])
        sizes = [int(v) for v in tok[8:8 + L + 1]]
        vals = [float.fromhex(v) for v in tok[8 + L + 1:]]
        pos = 0
        def take(n):
            nonlocal pos
            v = np.array(vals[pos:pos + n])
            pos += n
            return v
        x = take(sizes[0])
        t = take(sizes[-1])
        W = [take(sizes[k + 1] * sizes[k]).reshape(sizes[k + 1], sizes[k]) for k in range(L)]
        b = [take(sizes[k + 1]) for k in range(L)] if biases == "true" else None
        acts = [hidden] * (L - 1) + [output]
        z, a = forward(acts, W, b, x)
        o = a[-1]
        e = [None] * (L + 1)
        d = [None] * L
        e[L] = t - o
        for k in range(L - 1, -1, -1):
            if k == L - 1 and loss == "cross-entropy":
                d[k] = t - o * t.sum()      # softmax or sigmoid with cross-entropy: the derivative cancels
            else:
                d[k] = back(acts[k], a[k + 1], e[k + 1])
            if k > 0:
                e[k] = W[k].T @ (e[k + 1] if rule == "book" else d[k])
        dW = [lr * np.outer(d[k], a[k]) for k in range(L)]
        W2 = [W[k] + dW[k] for k in range(L)]
        b2 = [b[k] + lr * d[k] for k in range(L)] if b is not None else None
        _, a2 = forward(acts, W2, b2, x)
        def put(key, v):
            out.write(name + "/" + key + " " + " ".join(repr(float(y)) for y in np.ravel(v)) + "\n")
        for k in range(L):
            put("z%d" % k, z[k])
            put("a%d" % (k + 1), a[k + 1])
            put("e%d" % (k + 1), e[k + 1])
            put("d%d" % k, d[k])
            put("dwnorm%d" % k, np.linalg.norm(dW[k]))
            put("dwmax%d" % k, np.abs(dW[k]).max())
        put("loss", loss_value(loss, o, t, output))
        put("after", a2[-1])
        put("lossafter", loss_value(loss, a2[-1], t, output))
    out.close()

main()
