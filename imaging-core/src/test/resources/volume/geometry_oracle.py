# SPDX-License-Identifier: Apache-2.0
# Oracle for VolumeGeometry tests: reads slice geometry with pydicom and computes the expected
# index-to-patient affine with numpy, independently of Aperture.
# Usage: geometry_oracle.py FILE...   Output lines:
#   S ipp0 ipp1 ipp2 iop0..iop5 ps0 ps1 rows columns   (one per slice, input order)
#   A m00 m01 m02 m03 m10 ... m33                       (row-major, sorted along the normal)
#   D columns rows slices
#   P x y z    (patient position of the last voxel, from the last slice's own position)
import sys
import numpy as np
import pydicom


def slices_of(path):
    d = pydicom.dcmread(path, stop_before_pixels=True)
    out = []
    if 'PerFrameFunctionalGroupsSequence' in d:
        sh = d.SharedFunctionalGroupsSequence[0]
        iop = [float(v) for v in sh.PlaneOrientationSequence[0].ImageOrientationPatient]
        ps = [float(v) for v in sh.PixelMeasuresSequence[0].PixelSpacing]
        for fg in d.PerFrameFunctionalGroupsSequence:
            ipp = [float(v) for v in fg.PlanePositionSequence[0].ImagePositionPatient]
            out.append((ipp, iop, ps, int(d.Rows), int(d.Columns)))
        return out
    iop = [float(v) for v in d.ImageOrientationPatient]
    ps = [float(v) for v in d.PixelSpacing]
    ipp = np.array([float(v) for v in d.ImagePositionPatient])
    if 'GridFrameOffsetVector' in d and int(d.get('NumberOfFrames', 1)) > 1:
        # PS3.3 C.8.8.3.2: offsets along the normal from Image Position (Patient).
        n = np.cross(iop[:3], iop[3:])
        for off in d.GridFrameOffsetVector:
            out.append((list(ipp + float(off) * n), iop, ps, int(d.Rows), int(d.Columns)))
        return out
    return [(list(ipp), iop, ps, int(d.Rows), int(d.Columns))]


slices = []
for p in sys.argv[1:]:
    slices.extend(slices_of(p))
for ipp, iop, ps, rows, cols in slices:
    print('S', *['%r' % v for v in ipp + iop + ps], rows, cols)
r = np.array(slices[0][1][:3])
c = np.array(slices[0][1][3:])
n = np.cross(r, c)
n = n / np.linalg.norm(n)
pos = sorted((np.dot(np.array(s[0]), n), i) for i, s in enumerate(slices))
first = np.array(slices[pos[0][1]][0])
last = np.array(slices[pos[-1][1]][0])
N = len(slices)
dz = (pos[-1][0] - pos[0][0]) / (N - 1) if N > 1 else 1.0
ps = slices[0][2]
rows, cols = slices[0][3], slices[0][4]
A = np.eye(4)
A[:3, 0] = r / np.linalg.norm(r) * ps[1]
A[:3, 1] = c / np.linalg.norm(c) * ps[0]
A[:3, 2] = n * dz
A[:3, 3] = first
print('A', *['%r' % v for v in A.flatten()])
print('D', cols, rows, N)
P = last + A[:3, 0] * (cols - 1) + A[:3, 1] * (rows - 1)
print('P', *['%r' % v for v in P])
