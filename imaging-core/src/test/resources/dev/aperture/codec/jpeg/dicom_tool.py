# SPDX-License-Identifier: Apache-2.0
"""Test-scope helper for the JPEG codec tests (run with /usr/bin/python3 and pydicom 2.x).

  frames IN OUTDIR        encapsulated frames of IN to OUTDIR/frame_<i>.bin, attributes to OUTDIR/meta.txt
  raw IN OUT              native Pixel Data of IN (little endian) to OUT, attributes to OUT.meta
  synth OUT rows cols spp bits stored signed frames seed
                          a native Secondary Capture file with noise plus structure
  wrap OUT TSUID rows cols spp bits stored signed photometric FRAME...
                          encapsulate the given frame files into a DICOM file
Several commands may be chained, separated by ';;' arguments, to save interpreter start-ups.
"""
import sys
import warnings

warnings.simplefilter("ignore")
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.uid import generate_uid, ExplicitVRLittleEndian


def meta_line(ds):
    return "%d %d %d %d %d %d %s %d %d\n" % (
        ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.BitsAllocated, ds.BitsStored,
        ds.PixelRepresentation, str(ds.PhotometricInterpretation).strip(),
        int(ds.get("NumberOfFrames", 1) or 1), int(ds.get("PlanarConfiguration", 0) or 0))


def frames(src, outdir):
    ds = pydicom.dcmread(src)
    n = int(ds.get("NumberOfFrames", 1) or 1)
    for i, f in enumerate(generate_pixel_data_frame(ds.PixelData, n)):
        with open("%s/frame_%d.bin" % (outdir, i), "wb") as fh:
            fh.write(f)
    with open(outdir + "/meta.txt", "w") as fh:
        fh.write(meta_line(ds))
        fh.write(str(ds.file_meta.TransferSyntaxUID) + "\n")


def raw(src, out):
    ds = pydicom.dcmread(src)
    n = int(ds.get("NumberOfFrames", 1) or 1)
    data = ds.PixelData
    length = ds.Rows * ds.Columns * ds.SamplesPerPixel * (ds.BitsAllocated // 8) * n
    if str(ds.file_meta.TransferSyntaxUID) == "1.2.840.10008.1.2.2" and ds.BitsAllocated == 16:
        data = np.frombuffer(data[:length], ">u2").astype("<u2").tobytes()
    with open(out, "wb") as fh:
        fh.write(data[:length])
    with open(out + ".meta", "w") as fh:
        fh.write(meta_line(ds))


def base_dataset(rows, cols, spp, bits, stored, signed, photometric, tsuid, frames):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = tsuid
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "OT"
    ds.ConversionType = "WSD"
    ds.PatientName = "Test^Jpeg"
    ds.PatientID = "JPEG"
    ds.Rows = rows
    ds.Columns = cols
    ds.SamplesPerPixel = spp
    ds.BitsAllocated = bits
    ds.BitsStored = stored
    ds.HighBit = stored - 1
    ds.PixelRepresentation = signed
    ds.PhotometricInterpretation = photometric
    if spp > 1:
        ds.PlanarConfiguration = 0
    if frames > 1:
        ds.NumberOfFrames = frames
    return ds


def synth(out, rows, cols, spp, bits, stored, signed, frames, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols]
    maxv = (1 << stored) - 1
    planes = []
    for f in range(frames):
        for c in range(spp):
            disc = ((x - cols * (0.3 + 0.1 * c + 0.05 * f)) ** 2 + (y - rows * 0.5) ** 2) < (min(rows, cols) * 0.3) ** 2
            base = 0.25 + 0.5 * disc + 0.15 * np.sin(x / (3.0 + c)) * np.cos(y / 5.0)
            noise = rng.normal(0, 0.04, (rows, cols))
            v = np.clip((base + noise) * maxv, 0, maxv).astype(np.int64)
            v[rng.random((rows, cols)) < 0.01] = maxv  # a few saturated pixels
            v[0:2, 0:2] = 0
            planes.append(v)
    arr = np.stack(planes).reshape(frames, spp, rows, cols).transpose(0, 2, 3, 1)
    if signed:
        arr = arr - (1 << (stored - 1))
    dtype = {8: (np.uint8, np.int8), 16: (np.uint16, np.int16)}[bits][signed]
    if signed and stored < bits:
        arr = arr & ((1 << bits) - 1)  # two's complement within bits allocated
        arr = arr.astype(np.uint16 if bits == 16 else np.uint8)
    photometric = "RGB" if spp == 3 else "MONOCHROME2"
    ds = base_dataset(rows, cols, spp, bits, stored, signed, photometric, ExplicitVRLittleEndian, frames)
    ds.PixelData = arr.astype(dtype).tobytes()
    ds.save_as(out, write_like_original=False)


def wrap(out, tsuid, rows, cols, spp, bits, stored, signed, photometric, files):
    ds = base_dataset(rows, cols, spp, bits, stored, signed, photometric, tsuid, len(files))
    frames_ = []
    for name in files:
        with open(name, "rb") as fh:
            frames_.append(fh.read())
    ds.PixelData = encapsulate(frames_)
    ds["PixelData"].is_undefined_length = True
    ds["PixelData"].VR = "OB"
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(out, write_like_original=False)


def run(args):
    cmd = args[0]
    if cmd == "frames":
        frames(args[1], args[2])
    elif cmd == "raw":
        raw(args[1], args[2])
    elif cmd == "synth":
        synth(args[1], *[int(a) for a in args[2:10]])
    elif cmd == "wrap":
        wrap(args[1], args[2], *[int(a) for a in args[3:9]], args[9], args[10:])
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    argv = sys.argv[1:]
    group = []
    for a in argv + [";;"]:
        if a == ";;":
            if group:
                run(group)
            group = []
        else:
            group.append(a)
