# SPDX-License-Identifier: Apache-2.0
# Oracle for VolumeGeometry tests: reads slice geometry with pydicom and computes the expected
# index-to-patient affine in plain Python, independently of Aperture.
# Usage: geometry_oracle.py FILE...   Output lines:
#   S ipp0 ipp1 ipp2 iop0..iop5 ps0 ps1 rows columns   (one per slice, input order)
#   A m00 m01 m02 m03 m10 ... m33                       (row-major, sorted along the normal)
#   D columns rows slices
#   P x y z    (patient position of the last voxel, from the last slice's own position)
import math
import sys
import pydicom


def cross(a, b):
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def unit(a):
    n = math.sqrt(dot(a, a))
    return [x / n for x in a]


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
    ipp = [float(v) for v in d.ImagePositionPatient]
    if 'GridFrameOffsetVector' in d and int(d.get('NumberOfFrames', 1)) > 1:
        # PS3.3 C.8.8.3.2: offsets along the normal from Image Position (Patient).
        n = cross(iop[:3], iop[3:])
        for off in d.GridFrameOffsetVector:
            out.append(([p + float(off) * q for p, q in zip(ipp, n)], iop, ps, int(d.Rows), int(d.Columns)))
        return out
    return [(ipp, iop, ps, int(d.Rows), int(d.Columns))]


slices = []
for p in sys.argv[1:]:
    slices.extend(slices_of(p))
for ipp, iop, ps, rows, cols in slices:
    print('S', *['%r' % v for v in ipp + iop + ps], rows, cols)
r = unit(slices[0][1][:3])
c = unit(slices[0][1][3:])
n = unit(cross(r, c))
pos = sorted((dot(s[0], n), i) for i, s in enumerate(slices))
first = slices[pos[0][1]][0]
last = slices[pos[-1][1]][0]
N = len(slices)
dz = (pos[-1][0] - pos[0][0]) / (N - 1) if N > 1 else 1.0
ps = slices[0][2]
rows, cols = slices[0][3], slices[0][4]
# Row-major 4x4: columns are x step, y step, z step, origin.
A = [[r[k] * ps[1], c[k] * ps[0], n[k] * dz, first[k]] for k in range(3)] + [[0.0, 0.0, 0.0, 1.0]]
print('A', *['%r' % v for row in A for v in row])
print('D', cols, rows, N)
P = [last[k] + A[k][0] * (cols - 1) + A[k][1] * (rows - 1) for k in range(3)]
print('P', *['%r' % v for v in P])
