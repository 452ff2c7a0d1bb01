#!/usr/bin/env python3
"""Writes datasets/digits/digits-8x8.csv.gz: the shipped UCI digits (datasets/digits/digits.csv.gz, no header,
64 pixels then the label) as a CSV with a header, label first then p0..p63, the layout `quantum/image-files`
reads with "csv_layout": "pixels" (a demonstration of the CSV image loader and the default target).
gzip mtime 0, so a rerun gives the same bytes."""
import gzip
import os

here = os.path.join(os.path.dirname(__file__), "..", "datasets", "digits")
with gzip.open(os.path.join(here, "digits.csv.gz"), "rt") as f:
    rows = [line.strip().split(",") for line in f if line.strip()]
lines = ["label," + ",".join(f"p{i}" for i in range(64))]
lines += [r[64] + "," + ",".join(r[:64]) for r in rows]
with open(os.path.join(here, "digits-8x8.csv.gz"), "wb") as raw:
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as g:
        g.write(("\n".join(lines) + "\n").encode())
print(f"{len(rows)} rows")
