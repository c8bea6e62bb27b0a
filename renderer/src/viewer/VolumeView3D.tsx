import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import '@kitware/vtk.js/Rendering/Profiles/Volume';
import vtkGenericRenderWindow from '@kitware/vtk.js/Rendering/Misc/GenericRenderWindow';
import type vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import type vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import { useEffect, useRef } from 'react';
import type { LoadedVolume } from '../api/loaded-volume.js';
import { gridCenter } from './view-geometry.js';
import type { DisplayStructure } from './structure-overlay.js';
import { surfaceOpacity } from './structure-overlay.js';
import { structureSurface } from './surfaces-3d.js';
import { volumeActor } from './volume-actor-3d.js';

interface Surface {
  readonly actor: vtkActor | null;
  /** What the surface was built from: the payload's mask buffer (replaced by each edit) and colour. */
  readonly mask: ArrayBufferLike;
  readonly color: string;
}

interface Scene {
  readonly grw: ReturnType<typeof vtkGenericRenderWindow.newInstance>;
  volume: vtkVolume | null;
  readonly surfaces: Map<string, Surface>;
  frames: number;
}

/** Run `f` after the next frame has been painted. */
function afterNextPaint(f: () => void): () => void {
  let timer = 0;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(f, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * The 3D view (vtk.js): volume rendering of the series and a surface per structure, seen from the
 * patient's front with superior up; drag rotates, wheel zooms, shift-drag pans. A structure's
 * surface is rebuilt when an edit replaces its mask.
 */
export function VolumeView3D(props: { readonly volume: LoadedVolume; readonly structures: readonly DisplayStructure[] }): React.JSX.Element {
  const { volume, structures } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const sceneRef = useRef<Scene | null>(null);

  const render = (): void => {
    const scene = sceneRef.current;
    if (!scene) return;
    scene.grw.getRenderWindow().render();
    scene.frames += 1;
    if (containerRef.current) containerRef.current.dataset['frames'] = String(scene.frames);
  };

  useEffect(() => {
    const container = containerRef.current!;
    const grw = vtkGenericRenderWindow.newInstance({ background: [0.06, 0.07, 0.1], listenWindowResize: false });
    grw.setContainer(container);
    sceneRef.current = { grw, volume: null, surfaces: new Map(), frames: 0 };
    const observer = new ResizeObserver(() => {
      grw.resize();
      render();
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      grw.delete();
      sceneRef.current = null;
    };
  }, []);

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene) return;
    const renderer = scene.grw.getRenderer();
    if (scene.volume) renderer.removeVolume(scene.volume);
    for (const { actor } of scene.surfaces.values()) if (actor) renderer.removeActor(actor);
    scene.surfaces.clear();
    scene.volume = volumeActor(volume);
    renderer.addVolume(scene.volume);
    // Seen from the front (anterior is −y in LPS), superior up.
    const centre = gridCenter(volume.meta.dims, volume.ijkToLps);
    const camera = renderer.getActiveCamera();
    camera.setFocalPoint(centre[0], centre[1], centre[2]);
    camera.setPosition(centre[0], centre[1] - 1000, centre[2]);
    camera.setViewUp(0, 0, 1);
    renderer.resetCamera();
    render();
  }, [volume]);

  useEffect(() => {
    // After the 2D views have painted: an edit shows where it was drawn first, and the surface
    // rebuild and the (software-rendered, slow) 3D frame follow.
    return afterNextPaint(() => {
      const scene = sceneRef.current;
      if (!scene) return;
      const renderer = scene.grw.getRenderer();
      const wanted = new Set(structures.map((s) => s.id));
      for (const [id, { actor }] of scene.surfaces) {
        if (!wanted.has(id)) {
          if (actor) renderer.removeActor(actor);
          scene.surfaces.delete(id);
        }
      }
      for (const s of structures) {
        const built = scene.surfaces.get(s.id);
        const color = s.color.join(',');
        // Only a structure whose mask or colour changed is rebuilt.
        if (!built || built.mask !== s.mask.buffer || built.color !== color) {
          if (built?.actor) renderer.removeActor(built.actor);
          const actor = structureSurface(s, volume.ijkToLps);
          scene.surfaces.set(s.id, { actor, mask: s.mask.buffer, color });
          if (actor) renderer.addActor(actor);
        }
        const actor = scene.surfaces.get(s.id)?.actor;
        // Review state changes without the mask changing (an approved draft loses its translucency).
        actor?.getProperty().setOpacity(surfaceOpacity(s));
        actor?.setVisibility(s.visible);
      }
      render();
    });
  }, [structures, volume]);

  return <div className="view-3d" ref={containerRef} data-testid="view-3d" />;
}
