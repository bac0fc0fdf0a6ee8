# SPDX-License-Identifier: Apache-2.0
# Test-scope oracle for the display pipeline (run with /usr/bin/python3, pydicom 2.3.1).
#   pixel.py hu FILE OUT                    float32 LE: apply_modality_lut(pixel_array)
#   pixel.py window FILE C W FUNC OUT       float64 LE: apply_windowing on the modality values,
#                                           then the y range on the first line of OUT.txt
#   pixel.py palette FILE OUT               uint16 LE: apply_color_lut(pixel_array, ds)
#   pixel.py ybr FILE FRAMES OUT            uint8: convert_color_space(pixel_array, YBR_FULL, RGB),
#                                           the first FRAMES frames
#   pixel.py overlay FILE OUT               uint8: overlay_array(0x6000)
#   pixel.py segmented IN OUT               uint16 LE: _expand_segmented_lut of IN (uint16 LE words)
import struct
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers import util


def main(cmd, args):
    if cmd == "hu":
        ds = pydicom.dcmread(args[0])
        arr = util.apply_modality_lut(ds.pixel_array, ds)
        arr.astype("<f4").tofile(args[1])
    elif cmd == "window":
        ds = pydicom.dcmread(args[0])
        hu = util.apply_modality_lut(ds.pixel_array, ds).astype("float64")
        for kw in ("RescaleSlope", "RescaleIntercept"):
            if kw in ds:
                delattr(ds, kw)
        ds.WindowCenter = args[1]
        ds.WindowWidth = args[2]
        ds.VOILUTFunction = args[3]
        out = util.apply_windowing(hu, ds)
        out.astype("<f8").tofile(args[4])
        bs = ds.BitsStored
        lo, hi = (0, 2 ** bs - 1) if ds.PixelRepresentation == 0 else (-(2 ** (bs - 1)), 2 ** (bs - 1) - 1)
        with open(args[4] + ".txt", "w") as fh:
            fh.write("%d %d\n" % (lo, hi))
    elif cmd == "palette":
        ds = pydicom.dcmread(args[0])
        out = util.apply_color_lut(ds.pixel_array, ds)
        out.astype("<u2").tofile(args[1])
    elif cmd == "ybr":
        ds = pydicom.dcmread(args[0])
        arr = ds.pixel_array
        if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
            arr = arr[: int(args[1])]
        out = util.convert_color_space(arr, "YBR_FULL", "RGB", per_frame=True)
        out.astype("u1").tofile(args[2])
    elif cmd == "overlay":
        ds = pydicom.dcmread(args[0])
        ds.overlay_array(0x6000).astype("u1").tofile(args[1])
    elif cmd == "segmented":
        data = open(args[0], "rb").read()
        n = len(data) // 2
        fmt = "<%dH" % n
        lut = util._expand_segmented_lut(struct.unpack(fmt, data), fmt)
        np.asarray(lut, dtype="<u2").tofile(args[1])
    else:
        sys.exit("unknown command")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
