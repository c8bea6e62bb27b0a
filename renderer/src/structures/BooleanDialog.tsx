import { useState } from 'react';
import type { EditCommand, StructurePayload } from '../../../core/api/contract.js';
import { RuleDialogActions } from './MarginDialog.js';
import type { BooleanOp } from './rule-text.js';
import { BOOLEAN_OPS, booleanRule } from './rule-text.js';

const SYMBOL: Readonly<Record<BooleanOp, string>> = { '|': 'or', '&': 'and', '-': 'minus', '^': 'xor' };

/** A ∪ B, A ∩ B, A − B or A XOR B as a new structure, through the same rule language. */
export function BooleanDialog(props: { readonly structures: readonly StructurePayload[]; readonly selectedId: string | null; readonly disabled: boolean; readonly onEdit: (command: EditCommand) => Promise<boolean>; readonly onClose: () => void }): React.JSX.Element {
  const names = props.structures.map((s) => s.name);
  const [a, setA] = useState(props.structures.find((s) => s.id === props.selectedId)?.name ?? names[0] ?? '');
  const [b, setB] = useState(names.find((n) => n !== a) ?? names[0] ?? '');
  const [op, setOp] = useState<BooleanOp>('|');
  const [output, setOutput] = useState('');
  const name = output.trim() !== '' ? output.trim() : `${a}_${SYMBOL[op]}_${b}`;
  const problem = a === '' || b === '' ? 'choose two structures' : a === b ? 'choose two different structures' : null;
  const rule = problem === null ? booleanRule(name, a, op, b) : null;

  const picker = (value: string, set: (v: string) => void, label: string, testId: string): React.JSX.Element => (
    <select value={value} aria-label={label} data-testid={testId} onChange={(e) => set(e.target.value)}>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );

  return (
    <div className="dialog" role="dialog" aria-label="Boolean" data-testid="boolean-dialog">
      <h3>Boolean</h3>
      <div className="row">{picker(a, setA, 'Structure A', 'boolean-a')}</div>
      <div className="row">
        <select value={op} aria-label="Operation" data-testid="boolean-op" onChange={(e) => setOp(e.target.value as BooleanOp)}>
          {BOOLEAN_OPS.map((o) => (
            <option key={o.op} value={o.op}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="row">{picker(b, setB, 'Structure B', 'boolean-b')}</div>
      <div className="row">
        <input type="text" value={output} placeholder={name} aria-label="New structure name" list="tg263-names" data-testid="boolean-output" onChange={(e) => setOutput(e.target.value)} />
      </div>
      <RuleDialogActions rule={rule} problem={problem} testId="boolean" disabled={props.disabled} onEdit={props.onEdit} onClose={props.onClose} />
    </div>
  );
}
