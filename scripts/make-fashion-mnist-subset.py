#!/usr/bin/env python3
"""Writes datasets/fashion-mnist-subset/ from the Debian package dataset-fashion-mnist.

The subset keeps the IDX layout and file names of the full data set, so every loader reads it unchanged:
  train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz : the first TRAIN_PER_CLASS images of each class of the
                                                             60 000-image training file, in file order
  t10k-images-idx3-ubyte.gz  / t10k-labels-idx1-ubyte.gz  : the first TEST_PER_CLASS of each class of the test file
No randomness: the selection is "first k per class", and gzip is written with mtime 0, so reruns give identical bytes.
Fashion-MNIST (Zalando Research) is MIT licensed; datasets/fashion-mnist-subset/LICENSE carries the notice.

Usage: python3 scripts/make-fashion-mnist-subset.py [--source /usr/share/datasets/fashion-mnist] [--out datasets/fashion-mnist-subset]
As root, installs the Debian package first when the source folder lacks the files.
"""
import argparse
import gzip
import os
import struct
import subprocess
import sys

TRAIN_PER_CLASS = 250
TEST_PER_CLASS = 50


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def write_idx(path, dims, payload):
    header = struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + payload)


def subset(source, out, split, per_class):
    (n, rows, cols), pixels = read_idx(os.path.join(source, f"{split}-images-idx3-ubyte.gz"))
    (m,), labels = read_idx(os.path.join(source, f"{split}-labels-idx1-ubyte.gz"))
    assert n == m, f"{split}: {n} images, {m} labels"
    size = rows * cols
    taken = {c: 0 for c in range(10)}
    keep = []
    for i, label in enumerate(labels):
        if taken[label] < per_class:
            taken[label] += 1
            keep.append(i)
    write_idx(os.path.join(out, f"{split}-images-idx3-ubyte.gz"), (len(keep), rows, cols),
              b"".join(pixels[i * size:(i + 1) * size] for i in keep))
    write_idx(os.path.join(out, f"{split}-labels-idx1-ubyte.gz"), (len(keep),), bytes(labels[i] for i in keep))
    print(f"{split}: {len(keep)} of {n} images ({per_class} per class)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "datasets", "fashion-mnist-subset"))
    a = ap.parse_args()
    needed = os.path.join(a.source, "train-images-idx3-ubyte.gz")
    if not os.path.exists(needed):
        if os.geteuid() != 0:
            sys.exit(f"{needed} not found; install the Debian package dataset-fashion-mnist (as root) or pass --source")
        subprocess.run(["apt-get", "install", "-y", "dataset-fashion-mnist"], check=True)
    os.makedirs(a.out, exist_ok=True)
    subset(a.source, a.out, "train", TRAIN_PER_CLASS)
    subset(a.source, a.out, "t10k", TEST_PER_CLASS)


if __name__ == "__main__":
    main()
