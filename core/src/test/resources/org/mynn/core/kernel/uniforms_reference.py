"""Kernels.uniforms in numpy's uint32 arithmetic: the elastic distortion's random field, written from its definition.

usage: uniforms_reference.py KEY START N OUT.npy
Value k of stream KEY is (h(h(k * 0x9E3779B9 + lo) ^ hi) >> 8) * 2^-23 - 1, lo and hi the halves of KEY (a signed
64-bit integer), h Wellons' lowbias32; the values are written as float32.
"""
import sys

import numpy as np

key, start, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
key &= (1 << 64) - 1
lo = np.uint32(key & 0xFFFFFFFF)
hi = np.uint32(key >> 32)


def h(x):
    x = x ^ (x >> np.uint32(16))
    x = x * np.uint32(0x7FEB352D)
    x = x ^ (x >> np.uint32(15))
    x = x * np.uint32(0x846CA68B)
    return x ^ (x >> np.uint32(16))


k = np.arange(start, start + n, dtype=np.uint64).astype(np.uint32)
with np.errstate(over="ignore"):
    bits = h(h(k * np.uint32(0x9E3779B9) + lo) ^ hi) >> np.uint32(8)
values = bits.astype(np.float32) * np.float32(2.0 ** -23) - np.float32(1)
np.save(sys.argv[4], values.astype(np.float32).reshape(1, n))
