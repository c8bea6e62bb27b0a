import { useState } from 'react';
import type { ListedStructure } from '../api/use-workspace.js';
import { StateBadge } from './StateBadge.js';

export type { ListedStructure } from '../api/use-workspace.js';

/**
 * Each structure on the open series: visibility, colour, name, review state (with revision and a
 * lock when decided), a flag when the model's augmented passes disagreed, type and volume.
 * Clicking a name selects the structure for its properties and its review.
 */
export function StructureList(props: {
  readonly structures: readonly ListedStructure[];
  readonly selectedId: string | null;
  readonly hiddenDrafts: number;
  readonly onSelect: (id: string) => void;
  readonly onToggle: (id: string, visible: boolean) => void;
  readonly onDelete: (id: string) => void;
}): React.JSX.Element {
  // Deleting asks once, on the row itself: a slip of the mouse must not take a contour away (Undo
  // would bring it back, but only if the user notices).
  const [confirming, setConfirming] = useState<string | null>(null);
  if (props.structures.length === 0) {
    return (
      <p className="hint">
        {props.hiddenDrafts > 0 ? 'The AI drafts are hidden until you have looked at the images (see Review).' : 'No structures yet: run a model, load an RTSTRUCT or create one.'}
      </p>
    );
  }
  return (
    <table className="structure-list" data-testid="structure-list">
      <thead>
        <tr>
          <th aria-label="Visible" />
          <th aria-label="Colour" />
          <th>Name</th>
          <th>Type</th>
          <th className="num">cc</th>
          <th aria-label="Delete" />
        </tr>
      </thead>
      <tbody>
        {props.structures.map(({ payload: s, visible }) => (
          <tr
            key={s.id}
            className={s.id === props.selectedId ? 'selected' : undefined}
            title={[s.review.provenance || s.origin, s.rule, ...s.warnings].filter((l) => l !== '').join('\n')}
            data-testid="structure-row"
            data-name={s.name}
            data-state={s.review.state}
            onClick={(e) => {
              // Anywhere on the row selects it, except its own controls (visibility, name button, delete).
              if (e.target instanceof Element && e.target.closest('button, input') === null) props.onSelect(s.id);
            }}
          >
            <td>
              <input type="checkbox" checked={visible} aria-label={`Show ${s.name}`} onChange={(e) => props.onToggle(s.id, e.target.checked)} />
            </td>
            <td>
              <span className="swatch" style={{ backgroundColor: `rgb(${s.color.join(',')})` }} />
            </td>
            <td>
              <button type="button" className="name-button" data-testid="structure-select" aria-pressed={s.id === props.selectedId} onClick={() => props.onSelect(s.id)}>
                {s.name}
              </button>
              {s.confidence?.low && (
                <span
                  className="low-confidence"
                  data-testid="low-confidence"
                  title={`Low confidence: the augmented passes agreed on ${(s.confidence.agreement * 100).toFixed(0)} % of the voxels (${s.confidence.passes} passes). Review it closely.`}
                >
                  ⚠
                </span>
              )}
              {s.outdated !== null && (
                <span className="outdated" data-testid="structure-outdated" title={s.outdated}>
                  out of date
                </span>
              )}
              <div>
                <StateBadge review={s.review} />
              </div>
            </td>
            <td className="type">{s.interpretedType || '—'}</td>
            <td className="num">{s.volumeCc.toFixed(2)}</td>
            <td>
              {confirming === s.id ? (
                <span className="confirm-delete" role="group" aria-label={`Delete ${s.name}?`}>
                  Delete?{' '}
                  <button type="button" data-testid="structure-delete-confirm" onClick={() => { setConfirming(null); props.onDelete(s.id); }}>
                    Yes
                  </button>{' '}
                  <button type="button" data-testid="structure-delete-cancel" onClick={() => setConfirming(null)}>
                    No
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="icon"
                  aria-label={`Delete ${s.name}`}
                  data-testid="structure-delete"
                  disabled={s.review.locked}
                  title={s.review.locked ? `${s.name} is ${s.review.state} and locked: create a new revision to change or delete it` : undefined}
                  onClick={() => setConfirming(s.id)}
                >
                  ×
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
