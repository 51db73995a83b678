#!/usr/bin/env python3
"""The usual IDX-to-CSV conversion that produced the book's mnist_train.csv and mnist_test.csv
(as in the widely copied convert() of pjreddie.com's "MNIST in CSV"): per record the label, then the
784 pixels, comma-separated, one line each. CsvWriterRealTest compares mynn's output with this, byte for byte.

Usage: convert_usual.py IMAGES LABELS OUT.csv N
"""
import sys


def convert(imgf, labelf, outf, n):
    f = open(imgf, "rb")
    o = open(outf, "w", newline="\n")
    l = open(labelf, "rb")
    f.read(16)
    l.read(8)
    images = []
    for i in range(n):
        image = [ord(l.read(1))]
        for j in range(28 * 28):
            image.append(ord(f.read(1)))
        images.append(image)
    for image in images:
        o.write(",".join(str(pix) for pix in image) + "\n")
    f.close()
    o.close()
    l.close()


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
