import { useState } from 'react';
import type { EditCommand } from '../../../core/api/contract.js';

const EXAMPLES = ['PTV = GTV + 3mm', 'PTV = GTV + [R2,L2,A1,P1,S3,I3]mm', 'Ring = (PTV + 10mm) - (PTV + 2mm)', 'HA = (Hippocampus_L | Hippocampus_R) + 5mm', '"Brain-PTV" = Brain - PTV'];

/** Any rule of the structure algebra, as `delineate derive --rule` takes it; the backend names any error with its position. */
export function RuleBox(props: { readonly disabled: boolean; readonly onEdit: (command: EditCommand) => Promise<boolean> }): React.JSX.Element {
  const [rule, setRule] = useState('');
  return (
    <form
      className="rule-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (rule.trim() !== '') void props.onEdit({ kind: 'rule', rule: rule.trim() }).then((ok) => ok && setRule(''));
      }}
    >
      <input type="text" value={rule} placeholder="Rule, e.g. PTV = GTV + 3mm" aria-label="Rule" list="rule-examples" data-testid="rule-text" spellCheck={false} onChange={(e) => setRule(e.target.value)} />
      <datalist id="rule-examples">
        {EXAMPLES.map((x) => (
          <option key={x} value={x} />
        ))}
      </datalist>
      <button type="submit" disabled={props.disabled || rule.trim() === ''} data-testid="rule-run" title="Margins + / − a length (mm or cm, or [R2,L2,A1,P1,S3,I3]mm); | union, & intersection, − subtraction, ^ XOR; ring(S, inner, outer), shell(S, thickness)">
        Run
      </button>
    </form>
  );
}
