/**
 * vtk.js ships no declarations for ImageMarchingCubes; only what surfaces-3d.ts calls is declared.
 */
declare module '@kitware/vtk.js/Filters/General/ImageMarchingCubes' {
  import type { vtkAlgorithm, vtkObject } from '@kitware/vtk.js/interfaces';
  import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
  import type vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';

  export interface vtkImageMarchingCubes extends vtkObject, vtkAlgorithm {
    setInputData(data: vtkImageData): void;
    setContourValue(value: number): boolean;
    setComputeNormals(compute: boolean): boolean;
    setMergePoints(merge: boolean): boolean;
    getOutputData(): vtkPolyData;
  }

  const vtkImageMarchingCubes: {
    newInstance(initialValues?: { contourValue?: number; computeNormals?: boolean; mergePoints?: boolean }): vtkImageMarchingCubes;
  };
  export default vtkImageMarchingCubes;
}

declare module '@kitware/vtk.js/Rendering/Profiles/Volume';
declare module '@kitware/vtk.js/Rendering/Profiles/Geometry';

/** Stylesheets are bundled by Vite; importing one has no value. */
declare module '*.css';
