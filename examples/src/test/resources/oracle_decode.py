# SPDX-License-Identifier: Apache-2.0
# Decodes DICOM files with pydicom and writes the stored values as the `aperture decode`
# contract lays them out: little endian, interleaved, 1 byte for Bits Allocated 1/8, 2 for 16,
# 4 for 32. Usage: oracle_decode.py IN.dcm OUT.raw [IN.dcm OUT.raw ...]
import sys
import numpy as np
import pydicom

args = sys.argv[1:]
for i in range(0, len(args), 2):
    ds = pydicom.dcmread(args[i])
    arr = ds.pixel_array
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    spp = int(getattr(ds, "SamplesPerPixel", 1))
    ba = int(ds.BitsAllocated)
    dtype = {1: "u1", 8: "u1", 16: "<u2", 32: "<u4", 64: "<f8"}[ba]
    if "FloatPixelData" in ds:
        dtype = "<f4"
    arr = np.ascontiguousarray(arr)
    if ba == 1:
        arr = arr.astype("u1")
    # astype converts values (a view would only relabel big-endian bytes)
    with open(args[i + 1], "wb") as f:
        f.write(arr.astype(arr.dtype.newbyteorder("<")).tobytes())
