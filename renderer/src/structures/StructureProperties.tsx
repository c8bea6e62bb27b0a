import { useEffect, useState } from 'react';
import type { EditCommand, StructurePayload } from '../../../core/api/contract.js';
import { hexOf, tripleOf } from './color-text.js';
import { INTERPRETED_TYPES, TG263_NAMES } from './tg263-names.js';

/** Rename, recolour and retype the selected structure: one 'update' edit with what changed. */
export function StructureProperties(props: { readonly structure: StructurePayload; readonly disabled: boolean; readonly onEdit: (command: EditCommand) => Promise<boolean> }): React.JSX.Element {
  const s = props.structure;
  const [name, setName] = useState(s.name);
  const [color, setColor] = useState(hexOf(s.color));
  const [type, setType] = useState(s.interpretedType);

  useEffect(() => {
    setName(s.name);
    setColor(hexOf(s.color));
    setType(s.interpretedType);
  }, [s.id, s.name, s.color, s.interpretedType]);

  const changed = {
    ...(name.trim() !== s.name ? { name: name.trim() } : {}),
    ...(color !== hexOf(s.color) ? { color: tripleOf(color) } : {}),
    ...(type !== s.interpretedType ? { interpretedType: type } : {}),
  };
  const types = INTERPRETED_TYPES.includes(s.interpretedType as (typeof INTERPRETED_TYPES)[number]) ? INTERPRETED_TYPES : [...INTERPRETED_TYPES, s.interpretedType];

  return (
    <form
      className="structure-properties"
      data-testid="structure-properties"
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(changed).length > 0 && name.trim() !== '') void props.onEdit({ kind: 'update', structureId: s.id, ...changed });
      }}
    >
      <h3>{s.name}</h3>
      {s.review.locked && (
        <p className="hint" data-testid="locked-hint">
          Locked: revision {s.review.revision} is {s.review.state}; create a new revision (Review) to change it.
        </p>
      )}
      <div className="row">
        <input type="text" value={name} aria-label="Name" list="tg263-names" data-testid="properties-name" onChange={(e) => setName(e.target.value)} />
        <input type="color" value={color} aria-label="Colour" data-testid="properties-color" onChange={(e) => setColor(e.target.value)} />
      </div>
      <div className="row">
        <select value={type} aria-label="Type" data-testid="properties-type" onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t} value={t}>
              {t || '(no type)'}
            </option>
          ))}
        </select>
        <button type="submit" disabled={props.disabled || Object.keys(changed).length === 0 || name.trim() === ''} data-testid="properties-apply">
          Apply
        </button>
      </div>
    </form>
  );
}

/** The TG-263 names, offered by every name field that points at list="tg263-names". */
export function Tg263Datalist(): React.JSX.Element {
  return (
    <datalist id="tg263-names" data-testid="tg263-names">
      {TG263_NAMES.map((n) => (
        <option key={n.name} value={n.name}>
          {n.type}
        </option>
      ))}
    </datalist>
  );
}
