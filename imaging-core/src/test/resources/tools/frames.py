# SPDX-License-Identifier: Apache-2.0
# Test-scope oracle helper (run with /usr/bin/python3, pydicom 2.3.1), standing in for
# Aperture's reader in codec tests.
#   frames.py dump IN OUTDIR [IN OUTDIR ...]
#                                     -> OUTDIR/meta.txt (key=value) and frame-<i>.bin
#                                        (encapsulated: one encoded frame each;
#                                         native: the whole Pixel Data value as pixeldata.bin)
#   frames.py wrap IN OUT TSUID F...  -> OUT: IN with Pixel Data replaced by the encapsulated
#                                        frames F... and the transfer syntax set to TSUID
import os
import sys

import pydicom
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.uid import UID


def dump(path, outdir):
    ds = pydicom.dcmread(path)
    ts = ds.file_meta.TransferSyntaxUID
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    meta = {
        "ts": str(ts),
        "rows": ds.Rows, "columns": ds.Columns, "spp": ds.SamplesPerPixel,
        "bitsAllocated": ds.BitsAllocated, "bitsStored": ds.BitsStored,
        "highBit": ds.HighBit, "signed": ds.PixelRepresentation,
        "photometric": ds.PhotometricInterpretation,
        "planar": int(getattr(ds, "PlanarConfiguration", 0) or 0),
        "frames": frames,
        "encapsulated": int(ts.is_compressed),
        "pixelVr": ds["PixelData"].VR,
    }
    os.makedirs(outdir, exist_ok=True)
    if ts.is_compressed:
        for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, frames)):
            with open(os.path.join(outdir, "frame-%d.bin" % i), "wb") as fh:
                fh.write(f)
    else:
        with open(os.path.join(outdir, "pixeldata.bin"), "wb") as fh:
            fh.write(ds.PixelData)
        # pydicom's own decoding, little endian, interleaved: the oracle for native decoding.
        arr = ds.pixel_array
        with open(os.path.join(outdir, "array.bin"), "wb") as fh:
            fh.write(arr.astype(arr.dtype.newbyteorder("<")).tobytes())
    with open(os.path.join(outdir, "meta.txt"), "w") as fh:
        for k, v in meta.items():
            fh.write("%s=%s\n" % (k, v))


def wrap(path, out, tsuid, frame_files):
    ds = pydicom.dcmread(path)
    frames = []
    for f in frame_files:
        with open(f, "rb") as fh:
            frames.append(fh.read())
    ds.file_meta.TransferSyntaxUID = UID(tsuid)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.PixelData = encapsulate(frames, has_bot=True)
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    if "PlanarConfiguration" in ds and tsuid == "1.2.840.10008.1.2.5":
        ds.PlanarConfiguration = 0
    ds.save_as(out, write_like_original=False)


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        for i in range(2, len(sys.argv), 2):
            dump(sys.argv[i], sys.argv[i + 1])
    elif sys.argv[1] == "wrap":
        wrap(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.exit("unknown command")
