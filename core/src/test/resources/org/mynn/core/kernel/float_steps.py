"""numpy's float32 reference for FloatStepNumpyTest: one mini-batch step of momentum and of Adam on a small layer.

Reads cases (one per line: name kind batch m n alpha lr mu b1 b2 eps t, then the arrays gt a w s0 s1 as hex doubles,
each exactly a float32), computes the step with numpy float32 arithmetic (the gradient with float32 matmul, BLAS's
order of sums), writes name, then w s0 s1 after the step as hex doubles.
"""
import sys

import numpy as np

f32 = np.float32


def arr(tok, k):
    return np.array([float.fromhex(x) for x in tok[:k]], dtype=np.float64).astype(np.float32), tok[k:]


out = []
for line in open(sys.argv[1]):
    tok = line.split()
    if not tok:
        continue
    name, kind = tok[0], tok[1]
    batch, m, n = int(tok[2]), int(tok[3]), int(tok[4])
    alpha, lr, mu, b1, b2, eps = (float(x) for x in tok[5:11])
    t = int(tok[11])
    rest = tok[12:]
    gt, rest = arr(rest, m * batch)
    a, rest = arr(rest, batch * n)
    w, rest = arr(rest, m * n)
    s0, rest = arr(rest, m * n)
    s1, rest = arr(rest, m * n)
    gt = gt.reshape(m, batch)
    a = a.reshape(batch, n)
    w = w.reshape(m, n)
    s0 = s0.reshape(m, n)
    s1 = s1.reshape(m, n)
    # the direction of steepest descent, averaged over the batch, in float32
    d = f32(alpha) * (gt @ a)
    assert d.dtype == np.float32
    if kind == "momentum":
        s0 = f32(mu) * s0 + f32(lr) * d
        w = s0 + w
    elif kind == "adam":
        s0 = f32(b1) * s0 + f32(1 - b1) * d
        s1 = f32(b2) * s1 + f32(1 - b2) * d * d
        c1, c2 = f32(1 - b1 ** t), f32(1 - b2 ** t)
        w = f32(lr) * (s0 / c1) / (np.sqrt(s1 / c2) + f32(eps)) + w
    else:
        raise SystemExit("unknown kind " + kind)
    assert w.dtype == np.float32 and s0.dtype == np.float32 and s1.dtype == np.float32
    vals = np.concatenate([w.ravel(), s0.ravel(), s1.ravel()]).astype(np.float64)
    out.append(name + " " + " ".join(float(x).hex() for x in vals))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
