# SPDX-License-Identifier: Apache-2.0
"""Independent oracle for `aperture resample`, written with pydicom and numpy only.

  series_oracle.py make KIND DIR      writes a small CT series of kind KIND into DIR
  series_oracle.py check IN OUT SX SY SZ [nearest]
      reads the input series IN (a folder) and the derived series OUT with pydicom, checks the
      derived series' geometry against the contract's grid rule and every voxel against a
      straightforward trilinear (or nearest-voxel) reference; prints "OK <slices> <max error>" or exits 1.
  series_oracle.py checktilt IN OUT ORTHO
      for a tilted input (kind "tilt"): the input's sheared affine (third column: the step between
      sorted slice positions), every output voxel inside it against the trilinear reference; with
      ORTHO=1 the output slices must step along their normal; prints "OK <slices> <max error> <inside>".
"""
import math
import os
import random
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CT = "1.2.840.10008.5.1.4.1.1.2"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"


def rotation(ax, ay, az):
    cx, sx, cy, sy, cz, sz = math.cos(ax), math.sin(ax), math.cos(ay), math.sin(ay), math.cos(az), math.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def spec(kind):
    """Geometry and values of each kind: rows, cols, slices, (row spacing, col spacing), slice spacing."""
    s = dict(rows=20, cols=24, slices=12, ps=(0.7, 0.9), dz=2.0, origin=np.array([-10.3, 5.2, -30.0]),
             row=np.array([1.0, 0, 0]), col=np.array([0, 1.0, 0]), signed=True, bits=16, slope=2.0,
             intercept=-1000.0)
    if kind == "tilt":
        t = math.radians(18)
        s.update(col=np.array([0, math.cos(t), -math.sin(t)]), step=np.array([0, 0, 2.0]))
    if kind == "oblique":
        r = rotation(0.3, -0.2, 0.5)
        s.update(rows=16, cols=18, slices=10, ps=(1.1, 0.8), dz=1.5, row=r[:, 0], col=r[:, 1],
                 origin=np.array([12.0, -7.5, 40.25]), signed=False, bits=12, slope=1.0, intercept=0.0)
    return s


def make(kind, out):
    os.makedirs(out, exist_ok=True)
    base = "oblique" if kind == "oblique" else "aniso"
    s = spec("tilt" if kind == "tilt" else base)
    rng = np.random.default_rng(7 if base == "aniso" else 11)
    normal = np.cross(s["row"], s["col"])
    study, series, frame_of_ref = generate_uid(), generate_uid(), generate_uid()
    n = s["slices"]
    hi = 4095 if s["bits"] == 12 else 3000
    lo = 0 if not s["signed"] else -1500
    vol = rng.integers(lo, hi, size=(n, s["rows"], s["cols"]))
    step = s.get("step", s["dz"] * normal)  # tilt: the table moves along z, the planes are tilted
    positions = [s["origin"] + k * step for k in range(n)]
    slices = list(range(n))
    if kind == "gap":
        slices.remove(n // 2)
    if kind == "enhanced":
        write_enhanced(s, vol, positions, out, study, series, frame_of_ref)
        return
    if kind == "stacks":
        write_enhanced(s, vol, positions, out, study, series, frame_of_ref, stacks=True)
        return
    entries = []
    for k in slices:
        entries.append(dict(k=k, pos=positions[k], iop=list(s["row"]) + list(s["col"]), series=series))
    if kind == "duplicate":
        entries.append(dict(k=3, pos=positions[3], iop=list(s["row"]) + list(s["col"]), series=series))
    if kind == "mixedorient":
        r = rotation(0, 0, 0.2)
        entries[5]["iop"] = list(r[:, 0]) + list(r[:, 1])
    if kind == "mixedseries":
        entries[4]["series"] = generate_uid()
    random.Random(5).shuffle(entries)  # file names say nothing about the order
    for i, e in enumerate(entries):
        ds = base_dataset(CT, study, e["series"], frame_of_ref, s)
        ds.InstanceNumber = i + 1
        ds.ImagePositionPatient = [float(x) for x in e["pos"]]
        ds.ImageOrientationPatient = [float(x) for x in e["iop"]]
        ds.PixelSpacing = list(s["ps"])
        ds.SliceThickness = s["dz"]
        ds.RescaleSlope = s["slope"]
        ds.RescaleIntercept = s["intercept"]
        ds.RescaleType = "HU"
        ds.WindowCenter = 40
        ds.WindowWidth = 400
        arr = vol[e["k"]].astype(np.int16 if s["signed"] else np.uint16)
        ds.PixelData = arr.tobytes()
        save(ds, os.path.join(out, "x%03d.dcm" % (i * 37 % 101)))


def base_dataset(sop_class, study, series, frame_of_ref, s):
    ds = Dataset()
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = generate_uid()
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame_of_ref
    ds.Modality = "CT"
    ds.PatientName = "Oracle^Series"
    ds.PatientID = "ORACLE1"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.SeriesNumber = 3
    ds.Rows = s["rows"]
    ds.Columns = s["cols"]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = s["bits"]
    ds.HighBit = s["bits"] - 1
    ds.PixelRepresentation = 1 if s["signed"] else 0
    return ds


def save(ds, path):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    fd = FileDataset(path, ds, file_meta=meta, preamble=b"\0" * 128)
    fd.is_little_endian = True
    fd.is_implicit_VR = False
    fd.save_as(path, write_like_original=False)


def item(**kw):
    d = Dataset()
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def write_enhanced(s, vol, positions, out, study, series, frame_of_ref, stacks=False):
    ds = base_dataset(ENHANCED_CT, study, series, frame_of_ref, s)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL", "NONE"]
    ds.InstanceNumber = 1
    order = list(range(s["slices"]))
    random.Random(9).shuffle(order)  # frames out of order along the normal
    ds.NumberOfFrames = len(order)
    if stacks:  # stack "A": the first 7 positions, stack "B": the other 5, frames interleaved
        frames = [item(PlanePositionSequence=Sequence([item(ImagePositionPatient=[float(x) for x in positions[k]])]),
                       FrameContentSequence=Sequence([item(StackID="A" if k < 7 else "B",
                                                           InStackPositionNumber=(k if k < 7 else k - 7) + 1)]))
                  for k in order]
    shared = item(
        PixelMeasuresSequence=Sequence([item(PixelSpacing=list(s["ps"]), SliceThickness=s["dz"])]),
        PlaneOrientationSequence=Sequence([item(ImageOrientationPatient=[float(x) for x in
                                                                         list(s["row"]) + list(s["col"])])]),
        PixelValueTransformationSequence=Sequence([item(RescaleSlope=s["slope"], RescaleIntercept=s["intercept"],
                                                        RescaleType="HU")]))
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    if not stacks:
        frames = [item(PlanePositionSequence=Sequence([item(ImagePositionPatient=[float(x) for x in positions[k]])]))
                  for k in order]
    ds.PerFrameFunctionalGroupsSequence = Sequence(frames)
    ds.PixelData = vol[order].astype(np.int16 if s["signed"] else np.uint16).tobytes()
    save(ds, os.path.join(out, "enhanced.dcm"))


def checktilt(inp, outp, ortho):
    vol, a, slope, intercept, first = read_input(inp, sheared=True)
    nz, ny, nx = vol.shape
    inv = np.linalg.inv(a)
    outs = [pydicom.dcmread(os.path.join(outp, f)) for f in os.listdir(outp)]
    outs.sort(key=lambda d: int(d.InstanceNumber))
    max_err, inside = 0.0, 0
    for k, d in enumerate(outs):
        close([d.RescaleSlope, d.RescaleIntercept], [slope, intercept], 1e-9, "rescale")
        ipp = np.array([float(x) for x in d.ImagePositionPatient])
        r6 = [float(x) for x in d.ImageOrientationPatient]
        if ortho and k > 0:
            prev = np.array([float(x) for x in outs[k - 1].ImagePositionPatient])
            step = ipp - prev
            n = np.cross(np.array(r6[:3]), np.array(r6[3:]))
            if np.linalg.norm(step - np.dot(step, n) * n) > 1e-4:
                fail("slice %d does not step along the normal" % k)
        ps = [float(x) for x in d.PixelSpacing]
        jj, ii = np.meshgrid(np.arange(d.Rows), np.arange(d.Columns), indexing="ij")
        pts = (ipp[None, :] + ii.reshape(-1, 1) * ps[1] * np.array(r6[:3])[None, :]
               + jj.reshape(-1, 1) * ps[0] * np.array(r6[3:])[None, :])
        idx = (inv @ np.hstack([pts, np.ones((len(pts), 1))]).T).T[:, :3]
        inb = ((idx > -1e-6).all(axis=1) & (idx < np.array([nx - 1, ny - 1, nz - 1]) + 1e-6).all(axis=1))
        if not inb.any():
            continue
        got = d.pixel_array.reshape(-1).astype(np.float64)[inb]
        err = np.abs(got - trilinear(vol, idx[inb])).max()
        inside += int(inb.sum())
        max_err = max(max_err, err)
        if err > 0.51:
            fail("slice %d: voxel differs from the trilinear reference by %.3f" % (k, err))
    if inside == 0:
        fail("no output voxel inside the input")
    print("OK %d %.4f %d" % (len(outs), max_err, inside))


def read_input(folder, sheared=False):
    """Returns (stored volume [z, y, x] sorted along the normal, 4x4 index->patient affine, slope, intercept)."""
    files = [pydicom.dcmread(os.path.join(folder, f)) for f in sorted(os.listdir(folder))]
    if len(files) == 1 and "PerFrameFunctionalGroupsSequence" in files[0]:
        ds = files[0]
        sh = ds.SharedFunctionalGroupsSequence[0]
        iop = [float(x) for x in sh.PlaneOrientationSequence[0].ImageOrientationPatient]
        ps = [float(x) for x in sh.PixelMeasuresSequence[0].PixelSpacing]
        pvt = sh.PixelValueTransformationSequence[0]
        slope, intercept = float(pvt.RescaleSlope), float(pvt.RescaleIntercept)
        ipps = [[float(x) for x in f.PlanePositionSequence[0].ImagePositionPatient]
                for f in ds.PerFrameFunctionalGroupsSequence]
        frames = ds.pixel_array
        planes = [frames[i] for i in range(len(ipps))]
    else:
        iop = [float(x) for x in files[0].ImageOrientationPatient]
        ps = [float(x) for x in files[0].PixelSpacing]
        slope, intercept = float(files[0].RescaleSlope), float(files[0].RescaleIntercept)
        ipps = [[float(x) for x in f.ImagePositionPatient] for f in files]
        planes = [f.pixel_array for f in files]
    row, col = np.array(iop[:3]), np.array(iop[3:])
    normal = np.cross(row, col)
    d = [np.dot(normal, p) for p in ipps]
    order = np.argsort(d)
    vol = np.stack([planes[i] for i in order]).astype(np.float64)
    n = len(order)
    dz = (d[order[-1]] - d[order[0]]) / (n - 1)
    a = np.eye(4)
    a[:3, 0] = row * ps[1]
    a[:3, 1] = col * ps[0]
    a[:3, 2] = normal * dz
    if sheared:
        a[:3, 2] = (np.array(ipps[order[-1]]) - np.array(ipps[order[0]])) / (n - 1)
    a[:3, 3] = ipps[order[0]]
    return vol, a, slope, intercept, files[0]


def trilinear(vol, idx):
    """idx: (N, 3) fractional (x, y, z) indices inside the volume; clamped neighbours."""
    nz, ny, nx = vol.shape
    out = np.zeros(len(idx))
    x, y, z = idx[:, 0], idx[:, 1], idx[:, 2]
    x0, y0, z0 = np.floor(x).astype(int), np.floor(y).astype(int), np.floor(z).astype(int)
    fx, fy, fz = x - x0, y - y0, z - z0
    for dz_ in (0, 1):
        for dy in (0, 1):
            for dx in (0, 1):
                w = (fx if dx else 1 - fx) * (fy if dy else 1 - fy) * (fz if dz_ else 1 - fz)
                xi = np.clip(x0 + dx, 0, nx - 1)
                yi = np.clip(y0 + dy, 0, ny - 1)
                zi = np.clip(z0 + dz_, 0, nz - 1)
                out += w * vol[zi, yi, xi]
    return out


def nearest(vol, idx):
    """Nearest voxel, ties rounded up; returns (values, mask of points not within 1e-6 of a tie)."""
    nz, ny, nx = vol.shape
    r = np.floor(idx + 0.5).astype(int)
    frac = idx - np.floor(idx)
    clear = (np.abs(frac - 0.5) > 1e-6).all(axis=1)
    r[:, 0] = np.clip(r[:, 0], 0, nx - 1)
    r[:, 1] = np.clip(r[:, 1], 0, ny - 1)
    r[:, 2] = np.clip(r[:, 2], 0, nz - 1)
    return vol[r[:, 2], r[:, 1], r[:, 0]], clear


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def close(a, b, tol, what):
    if not np.allclose(np.asarray(a, float), np.asarray(b, float), atol=tol, rtol=0):
        fail("%s: %s != %s" % (what, list(np.asarray(a, float)), list(np.asarray(b, float))))


def check(inp, outp, sx, sy, sz, kernel="linear"):
    vol, a, slope, intercept, first = read_input(inp)
    nz, ny, nx = vol.shape
    sp_in = [np.linalg.norm(a[:3, i]) for i in range(3)]
    n_out = [int(math.floor((n - 1) * si / so + 1e-9)) + 1 for n, si, so in zip((nx, ny, nz), sp_in, (sx, sy, sz))]
    outs = [pydicom.dcmread(os.path.join(outp, f)) for f in os.listdir(outp)]
    outs.sort(key=lambda d: int(d.InstanceNumber))
    if len(outs) != n_out[2]:
        fail("slices %d, expected %d" % (len(outs), n_out[2]))
    row, col, normal = a[:3, 0] / sp_in[0], a[:3, 1] / sp_in[1], a[:3, 2] / sp_in[2]
    inv = np.linalg.inv(a)
    series = {d.SeriesInstanceUID for d in outs}
    if len(series) != 1 or first.SeriesInstanceUID in series:
        fail("derived series must have one new Series Instance UID")
    if len({d.SOPInstanceUID for d in outs}) != len(outs):
        fail("SOP Instance UIDs are not unique")
    max_err = 0.0
    for k, d in enumerate(outs):
        if d.StudyInstanceUID != first.StudyInstanceUID:
            fail("study changed")
        if d.SOPClassUID != CT:
            fail("SOP Class %s" % d.SOPClassUID)
        if list(d.ImageType)[:2] != ["DERIVED", "SECONDARY"]:
            fail("Image Type %s" % list(d.ImageType))
        if (int(d.Rows), int(d.Columns)) != (n_out[1], n_out[0]):
            fail("size %dx%d, expected %dx%d" % (d.Columns, d.Rows, n_out[0], n_out[1]))
        if "NumberOfFrames" in d or "PerFrameFunctionalGroupsSequence" in d or "SharedFunctionalGroupsSequence" in d:
            fail("multi-frame attributes left in a single-frame image")
        close(d.ImageOrientationPatient, list(row) + list(col), 1e-5, "orientation")
        close(d.PixelSpacing, [sy, sx], 1e-6, "pixel spacing")
        close([d.SliceThickness], [sz], 1e-6, "slice thickness")
        close(d.ImagePositionPatient, a[:3, 3] + k * sz * normal, 1e-4, "position of slice %d" % k)
        close([d.RescaleSlope, d.RescaleIntercept], [slope, intercept], 1e-9, "rescale")
        # Every voxel: its patient position from this file's own attributes -> input index -> trilinear.
        ipp = np.array([float(x) for x in d.ImagePositionPatient])
        r6 = [float(x) for x in d.ImageOrientationPatient]
        ps = [float(x) for x in d.PixelSpacing]
        jj, ii = np.meshgrid(np.arange(d.Rows), np.arange(d.Columns), indexing="ij")
        pts = (ipp[None, :] + ii.reshape(-1, 1) * ps[1] * np.array(r6[:3])[None, :]
               + jj.reshape(-1, 1) * ps[0] * np.array(r6[3:])[None, :])
        idx = (inv @ np.hstack([pts, np.ones((len(pts), 1))]).T).T[:, :3]
        if idx.min() < -1e-3 or (idx.max(axis=0) > np.array([nx - 1, ny - 1, nz - 1]) + 1e-3).any():
            fail("slice %d leaves the input's extent" % k)
        got = d.pixel_array.reshape(-1).astype(np.float64)
        if kernel == "nearest":
            ref, clear = nearest(vol, idx)
            err = np.abs(got - ref)[clear].max() if clear.any() else 0.0
        else:
            ref = trilinear(vol, idx)
            err = np.abs(got - ref).max()
        max_err = max(max_err, err)
        if err > 0.51:
            fail("slice %d: voxel differs from the %s reference by %.3f" % (k, kernel, err))
    print("OK %d %.4f" % (len(outs), max_err))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "checktilt":
        checktilt(sys.argv[2], sys.argv[3], sys.argv[4] == "1")
    else:
        check(sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]),
              sys.argv[7] if len(sys.argv) > 7 else "linear")
