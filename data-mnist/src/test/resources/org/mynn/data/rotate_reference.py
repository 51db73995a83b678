#!/usr/bin/env python3
"""The book's augmentation, for AugmentTest: rotates a 28x28 image (read as .npy) as the book does,
scipy.ndimage.rotate(image, angle, cval=0, order=1, reshape=False), and saves the result as .npy.
Usage: rotate_reference.py IN.npy ANGLE OUT.npy
"""
import sys
import numpy
import scipy.ndimage

img = numpy.load(sys.argv[1])
numpy.save(sys.argv[3], scipy.ndimage.rotate(img, float(sys.argv[2]), cval=0.0, order=1, reshape=False))
