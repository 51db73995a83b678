"""Simard's elastic distortion as scipy computes it, for a given picture and random field.

usage: elastic_reference.py PICTURE.npy U.npy V.npy ALPHA SIGMA OUT.npy
U and V are the random fields (uniform in [-1, 1]) for x and y.
"""
import sys

import numpy as np
from scipy.ndimage import gaussian_filter, map_coordinates

picture, u, v = (np.load(p) for p in sys.argv[1:4])
alpha, sigma = float(sys.argv[4]), float(sys.argv[5])
dx = gaussian_filter(u, sigma) * alpha
dy = gaussian_filter(v, sigma) * alpha
rows, cols = picture.shape
y, x = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
out = map_coordinates(picture, [y + dy, x + dx], order=1, mode="grid-constant", cval=0.0)
np.save(sys.argv[6], np.clip(out, 0, 255))
