import { useState } from 'react';
import type { EditCommand } from '../../../core/api/contract.js';
import { defaultColor, hexOf, tripleOf } from './color-text.js';
import { INTERPRETED_TYPES, typeForName } from './tg263-names.js';

/** A new, empty structure: name (TG-263 suggestions as you type), type (suggested from the name), colour. */
export function CreateStructure(props: { readonly count: number; readonly disabled: boolean; readonly onEdit: (command: EditCommand) => Promise<boolean> }): React.JSX.Element {
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [typeChosen, setTypeChosen] = useState(false);
  const [color, setColor] = useState<string | null>(null);
  const effectiveType = typeChosen ? type : typeForName(name);
  const effectiveColor = color ?? hexOf(defaultColor(effectiveType, props.count));

  const create = async (): Promise<void> => {
    const ok = await props.onEdit({ kind: 'create', name: name.trim(), color: tripleOf(effectiveColor), interpretedType: effectiveType });
    if (ok) {
      setName('');
      setType('');
      setTypeChosen(false);
      setColor(null);
    }
  };

  return (
    <form
      className="create-structure"
      data-testid="create-structure"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() !== '') void create();
      }}
    >
      <div className="row">
        <input type="text" value={name} placeholder="New structure (TG-263 name)" aria-label="New structure name" list="tg263-names" data-testid="create-name" onChange={(e) => setName(e.target.value)} />
        <input type="color" value={effectiveColor} aria-label="New structure colour" data-testid="create-color" onChange={(e) => setColor(e.target.value)} />
      </div>
      <div className="row">
        <select
          value={effectiveType}
          aria-label="New structure type"
          data-testid="create-type"
          onChange={(e) => {
            setType(e.target.value);
            setTypeChosen(true);
          }}
        >
          {INTERPRETED_TYPES.map((t) => (
            <option key={t} value={t}>
              {t || '(no type)'}
            </option>
          ))}
        </select>
        <button type="submit" disabled={props.disabled || name.trim() === ''} data-testid="create-start">
          Create
        </button>
      </div>
    </form>
  );
}
