import { useEffect, useState } from 'react';
import type { EditCommand, StructurePayload } from '../../../core/api/contract.js';
import type { DirectionalMm, MarginSpec } from './rule-text.js';
import { DIRECTION_LABELS, DIRECTIONS, marginProblem, marginRule, ringProblem, ringRule } from './rule-text.js';

type Mode = 'expand' | 'contract' | 'ring';

function suggestedName(source: string, mode: Mode, mm: number): string {
  if (mode === 'ring') return `Ring_${source}`;
  if (mode === 'contract') return `${source}_${mm}mm_in`;
  if (/^(GTV|CTV|ITV)/i.test(source)) return source.replace(/^(GTV|CTV|ITV)/i, 'PTV');
  // TG-263 planning organ-at-risk volume: organ name, PRV, margin in mm with two digits.
  return `${source}_PRV${String(Math.round(mm)).padStart(2, '0')}`;
}

/**
 * Grow, shrink or ring a structure by a margin, isotropic or per patient direction. Builds the rule
 * ("PTV = GTV + 2mm", "PTV = GTV + [R2,L2,A1,P1,S3,I3]mm", "Ring = (PTV + 10mm) - (PTV + 2mm)"),
 * shows it, and runs it as an edit: the backend evaluates it with exact Euclidean distances on the grid.
 */
export function MarginDialog(props: { readonly structures: readonly StructurePayload[]; readonly selectedId: string | null; readonly disabled: boolean; readonly onEdit: (command: EditCommand) => Promise<boolean>; readonly onClose: () => void }): React.JSX.Element {
  const initial = props.structures.find((s) => s.id === props.selectedId)?.name ?? props.structures[0]?.name ?? '';
  const [source, setSource] = useState(initial);
  const [mode, setMode] = useState<Mode>('expand');
  const [directional, setDirectional] = useState(false);
  const [iso, setIso] = useState(3);
  const [dirs, setDirs] = useState<DirectionalMm>({ R: 3, L: 3, A: 3, P: 3, S: 3, I: 3 });
  const [inner, setInner] = useState(0);
  const [outer, setOuter] = useState(10);
  const [output, setOutput] = useState('');
  const [outputTouched, setOutputTouched] = useState(false);

  useEffect(() => {
    if (!outputTouched) setOutput(suggestedName(source, mode, mode === 'ring' ? outer : iso));
  }, [source, mode, iso, outer, outputTouched]);

  // Switching between one margin and six carries the value across, so the margin never changes unasked:
  // 3 mm becomes 3 mm in every direction, and six equal margins become that one margin.
  const switchDirectional = (on: boolean): void => {
    if (on && Number.isFinite(iso)) setDirs({ R: iso, L: iso, A: iso, P: iso, S: iso, I: iso });
    const values = DIRECTIONS.map((d) => dirs[d]);
    if (!on && values.every((v) => v === values[0])) setIso(values[0]!);
    setDirectional(on);
  };

  const margin: MarginSpec = directional ? { kind: 'directional', mm: dirs } : { kind: 'isotropic', mm: iso };
  const problem =
    source === '' ? 'choose a structure' : output.trim() === '' ? 'name the new structure' : mode === 'ring' ? ringProblem(inner, outer) : marginProblem(margin);
  const rule = problem !== null ? null : mode === 'ring' ? ringRule(output.trim(), source, inner, outer) : marginRule(output.trim(), source, mode === 'expand' ? '+' : '-', margin);

  const num = (value: number, set: (v: number) => void, label: string, testId: string): React.JSX.Element => (
    <label className="num-field">
      {label}
      <input type="number" step="0.5" value={Number.isFinite(value) ? value : ''} data-testid={testId} onChange={(e) => set(e.target.value === '' ? Number.NaN : Number(e.target.value))} />
    </label>
  );

  return (
    <div className="dialog" role="dialog" aria-label="Margin" data-testid="margin-dialog">
      <h3>Margin</h3>
      <div className="row">
        <select value={source} aria-label="Structure" data-testid="margin-source" onChange={(e) => setSource(e.target.value)}>
          {props.structures.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
        <select value={mode} aria-label="Operation" data-testid="margin-mode" onChange={(e) => setMode(e.target.value as Mode)}>
          <option value="expand">expand</option>
          <option value="contract">contract</option>
          <option value="ring">ring</option>
        </select>
      </div>
      {mode === 'ring' ? (
        <div className="row">
          {num(inner, setInner, 'inner mm', 'margin-ring-inner')}
          {num(outer, setOuter, 'outer mm', 'margin-ring-outer')}
        </div>
      ) : (
        <>
          <label className="check">
            <input type="checkbox" checked={directional} data-testid="margin-directional" onChange={(e) => switchDirectional(e.target.checked)} />
            per direction (patient R/L/A/P/S/I)
          </label>
          {directional ? (
            <div className="direction-grid">
              {DIRECTIONS.map((d) => (
                <label key={d} className="num-field" title={DIRECTION_LABELS[d]}>
                  {d}
                  <input type="number" step="0.5" min="0" value={Number.isFinite(dirs[d]) ? dirs[d] : ''} data-testid={`margin-${d}`} onChange={(e) => setDirs({ ...dirs, [d]: e.target.value === '' ? Number.NaN : Number(e.target.value) })} />
                </label>
              ))}
            </div>
          ) : (
            <div className="row">{num(iso, setIso, 'mm', 'margin-mm')}</div>
          )}
        </>
      )}
      <div className="row">
        <input
          type="text"
          value={output}
          aria-label="New structure name"
          list="tg263-names"
          data-testid="margin-output"
          onChange={(e) => {
            setOutput(e.target.value);
            setOutputTouched(true);
          }}
        />
      </div>
      <RuleDialogActions rule={rule} problem={problem} testId="margin" disabled={props.disabled} onEdit={props.onEdit} onClose={props.onClose} />
    </div>
  );
}

/** The foot of a rule dialog: the rule that will run (or why there is none yet), Create and Close. */
export function RuleDialogActions(props: {
  readonly rule: string | null;
  readonly problem: string | null;
  readonly testId: string;
  readonly disabled: boolean;
  readonly onEdit: (command: EditCommand) => Promise<boolean>;
  readonly onClose: () => void;
}): React.JSX.Element {
  const { rule } = props;
  return (
    <>
      <RulePreview rule={rule} problem={props.problem} testId={`${props.testId}-rule`} />
      <div className="row">
        <button type="button" disabled={props.disabled || rule === null} data-testid={`${props.testId}-run`} onClick={() => rule && void props.onEdit({ kind: 'rule', rule }).then((ok) => ok && props.onClose())}>
          Create
        </button>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </>
  );
}

/** The exact rule that will run, or why there is none yet. */
function RulePreview(props: { readonly rule: string | null; readonly problem: string | null; readonly testId: string }): React.JSX.Element {
  return props.rule !== null ? (
    <p className="rule-preview">
      Rule: <code data-testid={props.testId}>{props.rule}</code>
    </p>
  ) : (
    <p className="hint" data-testid={`${props.testId}-problem`}>
      {props.problem}
    </p>
  );
}
