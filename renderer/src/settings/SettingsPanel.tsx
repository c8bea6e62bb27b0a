import { useEffect, useState } from 'react';
import type { ReviewerRoleName, Settings } from '../../../core/api/contract.js';
import { REVIEWER_ROLE_NAMES } from '../../../core/api/contract.js';
import { composePersonName, displayPersonName, personNameParts } from '../../../core/api/person-name.js';

const ROLE_LABELS: Readonly<Record<ReviewerRoleName, string>> = {
  dosimetrist: 'Dosimetrist',
  physician: 'Radiation oncologist (physician)',
  physicist: 'Medical physicist',
};

export function roleLabel(role: ReviewerRoleName): string {
  return ROLE_LABELS[role];
}

/**
 * Who am I and how do I read. The reviewer's name and role go into every edit, look, approval and
 * export (audit log and the exported review record), so the backend refuses those until it is set.
 * Sequential reading (on by default) keeps AI drafts hidden until the reviewer has looked at the
 * images, so the first impression is their own.
 */
export function SettingsPanel(props: {
  readonly settings: Settings;
  readonly error: string | null;
  /** Open the form (the first time, or when another panel asks for the reviewer). */
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly onSave: (next: Settings) => Promise<unknown>;
}): React.JSX.Element {
  const { settings } = props;
  const [family, setFamily] = useState(personNameParts(settings.reviewer?.name ?? '').family);
  const [given, setGiven] = useState(personNameParts(settings.reviewer?.name ?? '').given);
  const [role, setRole] = useState<ReviewerRoleName>(settings.reviewer?.role ?? 'dosimetrist');
  const [sequential, setSequential] = useState(settings.sequentialReading);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const parts = personNameParts(settings.reviewer?.name ?? '');
    setFamily(parts.family);
    setGiven(parts.given);
    setRole(settings.reviewer?.role ?? 'dosimetrist');
    setSequential(settings.sequentialReading);
  }, [settings]);

  // Stored as a DICOM person name, "Family^Given", which is how it is written into the structure set.
  const blank = family.trim() === '' && given.trim() === '';
  const composed = blank ? null : composePersonName({ family, given });
  const problem = composed && 'error' in composed ? composed.error : null;

  const save = async (): Promise<void> => {
    if (problem !== null) return;
    setSaving(true);
    try {
      await props.onSave({ reviewer: composed === null ? null : { name: 'name' in composed ? composed.name : '', role }, sequentialReading: sequential });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel settings-panel" aria-label="Settings">
      <div className="panel-head">
        <h2>Reviewer</h2>
        <span className="reviewer-current" data-testid="reviewer-current">
          {settings.reviewer ? `${displayPersonName(settings.reviewer.name)} (${settings.reviewer.role})` : 'not set'}
          {settings.sequentialReading ? ' · sequential reading' : ''}
        </span>
        <button type="button" className="link" data-testid="settings-toggle" aria-expanded={props.open} onClick={() => props.onOpenChange(!props.open)}>
          {props.open ? 'Close' : 'Change'}
        </button>
      </div>
      {props.open && (
        <form
          className="settings-form"
          data-testid="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            Family name
            <input type="text" value={family} placeholder="e.g. Smith" autoComplete="family-name" data-testid="settings-family" onChange={(e) => setFamily(e.target.value)} />
          </label>
          <label>
            Given name(s)
            <input type="text" value={given} placeholder="e.g. Anna" autoComplete="given-name" data-testid="settings-given" onChange={(e) => setGiven(e.target.value)} />
          </label>
          <label>
            Role
            <select value={role} data-testid="settings-role" onChange={(e) => setRole(e.target.value as ReviewerRoleName)}>
              {REVIEWER_ROLE_NAMES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="check" title="AI drafts stay hidden until you have looked at the images yourself, so the model does not shape your first impression.">
            <input type="checkbox" checked={sequential} data-testid="settings-sequential" onChange={(e) => setSequential(e.target.checked)} />
            Sequential reading: hide AI drafts until I have looked at the images
          </label>
          {blank && <p className="hint">Without a name, editing and review stay off: every decision is recorded with who made it.</p>}
          {problem !== null && (
            <p className="error" role="alert" data-testid="settings-name-problem">
              {problem}
            </p>
          )}
          <button type="submit" disabled={saving || problem !== null} data-testid="settings-save">
            Save
          </button>
        </form>
      )}
      {props.error && <p className="error" role="alert">{props.error}</p>}
    </section>
  );
}

/** Shown where editing or review would be, until the reviewer is set. */
export function ReviewerPrompt(props: { readonly what: string; readonly onSetReviewer: () => void }): React.JSX.Element {
  return (
    <div className="reviewer-prompt" data-testid="reviewer-prompt">
      <span>Say who you are before {props.what}: every change and decision is recorded with your name and role.</span>
      <button type="button" data-testid="reviewer-prompt-set" onClick={props.onSetReviewer}>
        Set reviewer
      </button>
    </div>
  );
}
