import type { StructurePayload } from '../../../core/api/contract.js';

export interface ListedStructure {
  readonly payload: StructurePayload;
  readonly visible: boolean;
}

/** Colour, name, type, visibility and volume of each structure on the open series. */
export function StructureList(props: { readonly structures: readonly ListedStructure[]; onToggle(id: string): void; onRemove(id: string): void }): React.JSX.Element {
  if (props.structures.length === 0) return <p className="hint">No structures yet: run a model or load an RTSTRUCT.</p>;
  return (
    <table className="structure-list" data-testid="structure-list">
      <thead>
        <tr>
          <th aria-label="Visible" />
          <th aria-label="Colour" />
          <th>Name</th>
          <th>Type</th>
          <th className="num">cc</th>
          <th aria-label="Remove" />
        </tr>
      </thead>
      <tbody>
        {props.structures.map(({ payload: s, visible }) => (
          <tr key={s.id} title={[s.origin, ...s.warnings].join('\n')} data-testid="structure-row">
            <td>
              <input type="checkbox" checked={visible} aria-label={`Show ${s.name}`} onChange={() => props.onToggle(s.id)} />
            </td>
            <td>
              <span className="swatch" style={{ backgroundColor: `rgb(${s.color.join(',')})` }} />
            </td>
            <td>{s.name}</td>
            <td>{s.interpretedType || '—'}</td>
            <td className="num">{s.volumeCc.toFixed(2)}</td>
            <td>
              <button type="button" className="icon" aria-label={`Remove ${s.name}`} onClick={() => props.onRemove(s.id)}>
                ×
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
