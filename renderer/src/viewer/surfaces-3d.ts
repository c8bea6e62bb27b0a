import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkImageMarchingCubes from '@kitware/vtk.js/Filters/General/ImageMarchingCubes';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import { invert } from '../../../core/geometry/mat4.js';
import type { Mat4 } from '../../../core/geometry/spaces.js';
import type { DisplayStructure } from './structure-overlay.js';
import { surfaceOpacity } from './structure-overlay.js';

/**
 * A structure's surface: marching cubes at 0.5 on its mask, in voxel index space, then every
 * point mapped through the series' exact affine into LPS. vtk.js's marching cubes ignores an
 * image's direction matrix, so doing the mapping ourselves is what keeps oblique series right.
 * The box is padded by one empty voxel so that a structure touching its box edge still closes.
 */
export function structureSurface(s: DisplayStructure, ijkToLps: Mat4<'IJK', 'LPS'>): vtkActor | null {
  if (!s.box) return null;
  const [i0, j0, k0] = s.box.lo;
  const [bx, by, bz] = [s.box.hi[0] - i0 + 1, s.box.hi[1] - j0 + 1, s.box.hi[2] - k0 + 1];
  const [px, py, pz] = [bx + 2, by + 2, bz + 2];
  const padded = new Uint8Array(px * py * pz);
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const from = bx * (j + by * k);
      padded.set(s.mask.subarray(from, from + bx), 1 + px * (j + 1 + py * (k + 1)));
    }
  }
  const image = vtkImageData.newInstance();
  image.setDimensions(px, py, pz);
  image.setOrigin([i0 - 1, j0 - 1, k0 - 1]);
  image.setSpacing([1, 1, 1]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ numberOfComponents: 1, values: padded, name: 'mask' }));
  const mc = vtkImageMarchingCubes.newInstance({ contourValue: 0.5, computeNormals: true, mergePoints: true });
  mc.setInputData(image);
  const poly = mc.getOutputData();
  const points = poly.getPoints().getData() as Float32Array;
  const m = ijkToLps;
  for (let n = 0; n < points.length; n += 3) {
    const i = points[n]!, j = points[n + 1]!, k = points[n + 2]!;
    points[n] = m[0]! * i + m[1]! * j + m[2]! * k + m[3]!;
    points[n + 1] = m[4]! * i + m[5]! * j + m[6]! * k + m[7]!;
    points[n + 2] = m[8]! * i + m[9]! * j + m[10]! * k + m[11]!;
  }
  // Normals are covectors: they map through the inverse transpose of the affine's linear part,
  // or shading would be wrong on anisotropic and oblique grids.
  const normalsArray = poly.getPointData().getNormals();
  if (normalsArray) {
    const inv = invert(ijkToLps);
    const normals = normalsArray.getData() as Float32Array;
    for (let n = 0; n < normals.length; n += 3) {
      const a = normals[n]!, b = normals[n + 1]!, c = normals[n + 2]!;
      const x = inv[0]! * a + inv[4]! * b + inv[8]! * c;
      const y = inv[1]! * a + inv[5]! * b + inv[9]! * c;
      const z = inv[2]! * a + inv[6]! * b + inv[10]! * c;
      const length = Math.hypot(x, y, z) || 1;
      normals[n] = x / length;
      normals[n + 1] = y / length;
      normals[n + 2] = z / length;
    }
    normalsArray.modified();
  }
  poly.getPoints().modified();
  poly.modified();
  const mapper = vtkMapper.newInstance();
  mapper.setInputData(poly);
  mapper.setScalarVisibility(false);
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  actor.getProperty().setColor(s.color[0] / 255, s.color[1] / 255, s.color[2] / 255);
  actor.getProperty().setOpacity(surfaceOpacity(s));
  return actor;
}
