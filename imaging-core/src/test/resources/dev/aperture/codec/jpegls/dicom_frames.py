# SPDX-License-Identifier: Apache-2.0
"""Test-scope helper for the JPEG-LS tests (run with /usr/bin/python3, pydicom 2.3).

extract IN.dcm OUTDIR   -> OUTDIR/meta.txt (key=value), OUTDIR/frame<i>.bin per encapsulated
                           frame, or OUTDIR/native.bin (little-endian samples) for native data
wrap TEMPLATE.dcm OUT.dcm TS ROWS COLS SPP BA BS PR PHOTOMETRIC FRAME.bin...
                        -> a copy of TEMPLATE whose Pixel Data holds the given frames encapsulated
native TEMPLATE.dcm OUT.dcm ROWS COLS SPP BA BS PR PHOTOMETRIC RAW.bin FRAMES
                        -> a copy of TEMPLATE with native little-endian Pixel Data from RAW.bin
batch SPEC.txt          -> runs each line of SPEC.txt (tab-separated arguments) as a command,
                           so that many files cost one interpreter start
"""
import os
import sys

import pydicom
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.uid import ExplicitVRLittleEndian, UID


def extract(src, outdir):
    ds = pydicom.dcmread(src)
    ts = str(ds.file_meta.TransferSyntaxUID)
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    meta = {
        "ts": ts,
        "rows": ds.Rows,
        "columns": ds.Columns,
        "spp": ds.SamplesPerPixel,
        "ba": ds.BitsAllocated,
        "bs": ds.BitsStored,
        "pr": ds.PixelRepresentation,
        "photometric": ds.PhotometricInterpretation,
        "planar": int(getattr(ds, "PlanarConfiguration", 0) or 0),
        "frames": frames,
    }
    os.makedirs(outdir, exist_ok=True)
    if ds.file_meta.TransferSyntaxUID.is_compressed:
        n = 0
        for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, frames)):
            with open(os.path.join(outdir, "frame%d.bin" % i), "wb") as fh:
                fh.write(f)
            n += 1
        meta["encapsulated"] = n
    else:
        data = ds.PixelData
        if ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.2" and ds.BitsAllocated == 16:
            b = bytearray(data)
            b[0::2], b[1::2] = data[1::2], data[0::2]
            data = bytes(b)
        with open(os.path.join(outdir, "native.bin"), "wb") as fh:
            fh.write(data)
        meta["encapsulated"] = 0
    with open(os.path.join(outdir, "meta.txt"), "w") as fh:
        for k, v in meta.items():
            fh.write("%s=%s\n" % (k, v))


def set_image(ds, rows, cols, spp, ba, bs, pr, photometric, frames):
    ds.Rows = int(rows)
    ds.Columns = int(cols)
    ds.SamplesPerPixel = int(spp)
    ds.BitsAllocated = int(ba)
    ds.BitsStored = int(bs)
    ds.HighBit = int(bs) - 1
    ds.PixelRepresentation = int(pr)
    ds.PhotometricInterpretation = photometric
    if int(spp) > 1:
        ds.PlanarConfiguration = 0
    elif "PlanarConfiguration" in ds:
        del ds.PlanarConfiguration
    if int(frames) > 1:
        ds.NumberOfFrames = int(frames)
    elif "NumberOfFrames" in ds:
        del ds.NumberOfFrames
    for tag in ("SmallestImagePixelValue", "LargestImagePixelValue", "WindowCenter", "WindowWidth",
                "RescaleIntercept", "RescaleSlope"):
        if tag in ds:
            delattr(ds, tag)


def wrap(template, out, ts, rows, cols, spp, ba, bs, pr, photometric, frame_files):
    ds = pydicom.dcmread(template)
    frames = []
    for f in frame_files:
        with open(f, "rb") as fh:
            frames.append(fh.read())
    set_image(ds, rows, cols, spp, ba, bs, pr, photometric, len(frames))
    ds.PixelData = encapsulate(frames)
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = UID(ts)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(out, write_like_original=False)


def native(template, out, rows, cols, spp, ba, bs, pr, photometric, raw, frames):
    ds = pydicom.dcmread(template)
    set_image(ds, rows, cols, spp, ba, bs, pr, photometric, frames)
    with open(raw, "rb") as fh:
        ds.PixelData = fh.read()
    ds["PixelData"].VR = "OW" if int(ba) > 8 else "OB"
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(out, write_like_original=False)


def main(argv):
    cmd = argv[0]
    if cmd == "extract":
        extract(argv[1], argv[2])
    elif cmd == "wrap":
        wrap(*argv[1:11], argv[11:])
    elif cmd == "native":
        native(*argv[1:12])
    elif cmd == "batch":
        with open(argv[1]) as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line:
                    main(line.split("\t"))
    else:
        sys.exit("unknown command")


if __name__ == "__main__":
    main(sys.argv[1:])
