"""Independent reference for test/review/agreement.test.ts: the same surface definition
(mask minus its 6-connected erosion, border counted as outside), scipy's exact EDT with
anisotropic sampling, numpy's linear percentile. Run: python3 surface-metrics-reference.py
Printed with numpy 2.4.6, scipy 1.17.1; the test holds the numbers it printed."""
import numpy as np
from scipy import ndimage as ndi


def ball(c, r, sp=(1, 1, 1), n=40):
    k, j, i = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing='ij')
    return (((i - c[0]) * sp[0]) ** 2 + ((j - c[1]) * sp[1]) ** 2 + ((k - c[2]) * sp[2]) ** 2) <= r * r


def surface(m):
    return m & ~ndi.binary_erosion(m, ndi.generate_binary_structure(3, 1), border_value=0)


def directed(a, b, sp):
    # Arrays are indexed [k, j, i], so the sampling is (sk, sj, si).
    return ndi.distance_transform_edt(~surface(b), sampling=sp[::-1])[surface(a)]


for c1, r1, c2, r2, sp in [
    ((19, 20, 20), 10, (21, 20, 20), 10, (1, 1, 1)),
    ((20, 20, 20), 8, (20, 20, 20), 10, (1, 1, 1)),
    ((19, 20, 20), 10, (22, 21, 20), 9, (0.7, 1.1, 2.3)),
]:
    a, b = ball(c1, r1, sp), ball(c2, r2, sp)
    ab, ba = directed(a, b, sp), directed(b, a, sp)
    hd95 = max(np.percentile(ab, 95), np.percentile(ba, 95))
    sdice = ((ab <= 1).sum() + (ba <= 1).sum()) / (len(ab) + len(ba))
    dice = 2 * (a & b).sum() / (a.sum() + b.sum())
    print(repr(dice), repr(hd95), repr(sdice))
