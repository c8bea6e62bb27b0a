import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import type { LoadedVolume } from '../api/loaded-volume.js';
import type { VoxelValues } from './reslice.js';

/**
 * Above this many voxels the 3D view renders every other column and row. The 3D view is for
 * orientation and surfaces; a 512×512×200 CT (52 M voxels) as one 3D texture is more than
 * integrated GPUs and software WebGL render interactively, and the 2D views keep full resolution.
 */
const MAX_3D_VOXELS = 16 * 2 ** 20;

function decimated(volume: LoadedVolume): { dims: [number, number, number]; data: VoxelValues; m: number[] } {
  const [nx, ny, nz] = volume.meta.dims;
  const m = [...volume.ijkToLps];
  if (nx * ny * nz <= MAX_3D_VOXELS) return { dims: [nx, ny, nz], data: volume.data, m };
  const [mx, my] = [Math.ceil(nx / 2), Math.ceil(ny / 2)];
  const Ctor = volume.data.constructor as new (n: number) => VoxelValues;
  const data = new Ctor(mx * my * nz);
  for (let k = 0, n = 0; k < nz; k++) for (let j = 0; j < my; j++) for (let i = 0; i < mx; i++, n++) data[n] = volume.data[2 * i + nx * (2 * j + ny * k)]!;
  // New voxel (i, j) is old (2i, 2j): columns 0 and 1 of the affine double, the origin stays.
  for (let r = 0; r < 3; r++) {
    m[4 * r] = m[4 * r]! * 2;
    m[4 * r + 1] = m[4 * r + 1]! * 2;
  }
  return { dims: [mx, my, nz], data, m };
}

/**
 * The volume as vtk.js image data in LPS: origin, spacing and direction from the exact affine
 * (vtk.js's direction holds the unit i, j, k axes one after another), so the volume and the
 * surfaces (surfaces-3d.ts) share one patient space.
 */
export function volumeActor(volume: LoadedVolume): vtkVolume {
  const { dims, data, m } = decimated(volume);
  const axis = (c: number): [number, number, number] => [m[c]!, m[4 + c]!, m[8 + c]!];
  const spacing = [0, 1, 2].map((c) => Math.hypot(...axis(c)));
  const [a, b, c] = [0, 1, 2].map((n) => axis(n).map((v) => v / spacing[n]!) as [number, number, number]) as [[number, number, number], [number, number, number], [number, number, number]];
  const image = vtkImageData.newInstance();
  image.setDimensions(dims[0], dims[1], dims[2]);
  image.setSpacing(spacing);
  image.setOrigin([m[3]!, m[7]!, m[11]!]);
  image.setDirection(...a, ...b, ...c);
  image.getPointData().setScalars(vtkDataArray.newInstance({ numberOfComponents: 1, values: data, name: 'voxels' }));

  const colour = vtkColorTransferFunction.newInstance();
  const opacity = vtkPiecewiseFunction.newInstance();
  if (volume.meta.modality === 'CT') {
    // Air and fat clear, soft tissue a thin haze (so structure surfaces inside it stay visible), bone solid.
    colour.addRGBPoint(-1000, 0, 0, 0);
    colour.addRGBPoint(-150, 0.7, 0.65, 0.6);
    colour.addRGBPoint(250, 0.9, 0.85, 0.8);
    colour.addRGBPoint(800, 1, 1, 0.95);
    opacity.addPoint(-1000, 0);
    opacity.addPoint(-300, 0);
    opacity.addPoint(-100, 0.004);
    opacity.addPoint(250, 0.01);
    opacity.addPoint(400, 0.3);
    opacity.addPoint(1500, 0.8);
  } else {
    const { p1, p99 } = volume.meta.percentiles;
    const span = Math.max(p99 - p1, 1);
    colour.addRGBPoint(p1, 0, 0, 0);
    colour.addRGBPoint(p99, 1, 1, 1);
    opacity.addPoint(p1, 0);
    opacity.addPoint(p1 + 0.2 * span, 0);
    opacity.addPoint(p99, 0.05);
  }
  const mapper = vtkVolumeMapper.newInstance();
  mapper.setInputData(image);
  // At most ~300 samples along the longest ray: on an integrated GPU or in software WebGL a finer
  // step costs seconds per frame, and the 3D view is for orientation (the 2D views are exact).
  const diagonalMm = Math.hypot(...[0, 1, 2].map((n) => dims[n]! * spacing[n]!));
  mapper.setSampleDistance(Math.max(0.7 * Math.min(...spacing), diagonalMm / 300));
  const actor = vtkVolume.newInstance();
  actor.setMapper(mapper);
  const property = actor.getProperty();
  property.setRGBTransferFunction(0, colour);
  property.setScalarOpacity(0, opacity);
  property.setInterpolationTypeToLinear();
  // No gradient shading: it costs six more texture reads per sample; the structure surfaces are
  // lit and give the depth cues.
  property.setShade(false);
  return actor;
}
