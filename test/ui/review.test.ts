import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { readProvenance } from '../../core/review/read-provenance.js';
import { dciodvfy } from '../support/tools.js';
import type { UiSession } from './support/ui-session.js';
import { ARTEFACTS, sampleStudySession } from './support/ui-session.js';

/**
 * Review in the renderer, in headless Chromium against the real backend: the reviewer says who
 * they are; the MR of the sample study is auto-contoured and sequential reading keeps the AI draft
 * hidden until the reviewer records a look at the images; structures are derived with the margin
 * and Boolean dialogs; one structure is approved and another rejected, each on its own; a locked
 * structure refuses an edit; a new revision reopens one; the exported RT Structure Set carries the
 * ROI Generation Algorithm, each ROI's review record and the Approval module (REJECTED while a
 * rejected structure is in it, UNAPPROVED while anything is undecided, APPROVED with the reviewer
 * once all is approved), read back in Node and checked by dciodvfy; and the GTVs are listed in the
 * lesion table and exported as CSV. The steps run in order in one window, as a user would take them.
 */
/** The reviewer as the form takes them, as the record stores them (DICOM PN) and as people read them. */
const FAMILY = 'Test';
const GIVEN = 'Ada';
const REVIEWER = 'Test^Ada';
const SHOWN = 'Ada Test';
const REJECTION = 'Margin too generous posteriorly';

let session: UiSession;

function row(name: string): Locator {
  return session.page.locator(`[data-testid="structure-row"][data-name="${name}"]`);
}

/** Select a structure in the list (a second click would deselect it) and wait for its review card. */
async function select(name: string): Promise<Locator> {
  const button = row(name).getByTestId('structure-select');
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  const card = session.page.locator(`[data-testid="structure-review"][data-name="${name}"]`);
  await expect.poll(() => card.count()).toBe(1);
  return card;
}

async function stateOf(name: string): Promise<string | null> {
  return row(name).getAttribute('data-state');
}

async function shot(name: string, selector: string): Promise<void> {
  await session.page.locator(selector).screenshot({ path: join(ARTEFACTS, `${name}.png`) });
}

async function exportTo(file: string): Promise<void> {
  const { page } = session;
  await page.getByTestId('export-path').fill(file);
  await page.getByTestId('export-start').click();
  await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 120_000 }).toContain(`Wrote ${file}`);
}

sampleStudySession('review-window.png', (s) => (session = s));

describe('structure review through the web host (headless Chromium, real backend)', () => {
  it('asks who the reviewer is before editing, and saves it', async () => {
    const { page } = session;
    await page.getByTestId('import-sample').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 60_000 }).toContain('Imported');
    await page.getByTestId('series-MR').click();
    await expect.poll(() => page.locator('.series-title').textContent(), { timeout: 90_000 }).toMatch(/^MR /);
    // No reviewer yet: the settings form is open, editing and review say why they are off.
    expect(await page.getByTestId('reviewer-current').textContent()).toContain('not set');
    await expect.poll(() => page.getByTestId('reviewer-prompt').count()).toBeGreaterThan(0);
    await page.getByTestId('create-name').fill('GTV');
    expect(await page.getByTestId('create-start').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-sequential').isChecked(), 'sequential reading is on by default').toBe(true);

    await page.getByTestId('settings-family').fill(FAMILY);
    await page.getByTestId('settings-given').fill(GIVEN);
    await page.getByTestId('settings-role').selectOption('physician');
    await shot('review-settings', 'section[aria-label="Settings"]');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('reviewer-current').textContent()).toContain(`${SHOWN} (physician)`);
    expect(await page.getByTestId('reviewer-prompt').count()).toBe(0);
    expect(await session.backend.api.getSettings({})).toEqual({ reviewer: { name: REVIEWER, role: 'physician' }, sequentialReading: true });
    await page.getByTestId('create-name').fill('');
  });

  it('sequential reading: the AI draft stays hidden until the reviewer has looked at the images', async () => {
    const { page } = session;
    await page.getByTestId('model-picker').selectOption('brainchop-brain-mask');
    await page.getByTestId('segment-run').click();
    await expect.poll(() => page.getByTestId('segment-message').textContent(), { timeout: 180_000 }).toMatch(/^1 AI draft\(s\) in .* hidden until you have looked at the images/);
    expect(await page.getByTestId('structure-row').count()).toBe(0);
    expect(await page.getByTestId('hidden-drafts').textContent()).toContain('1 AI draft hidden until you have reviewed the images');
    await shot('review-drafts-hidden', 'aside.sidebar.right');

    await page.getByTestId('reveal-drafts').click();
    await expect.poll(() => row('Brain').count()).toBe(1);
    expect(await page.getByTestId('hidden-drafts').count()).toBe(0);
    expect(await stateOf('Brain')).toBe('ai-draft');
    expect(await row('Brain').getByTestId('structure-state').textContent()).toBe('AI draft r1');
  });

  it('derives structures with the margin and Boolean dialogs, showing the rule that runs', async () => {
    const { page } = session;
    await select('Brain');
    await page.getByTestId('open-margin').click();
    await page.getByTestId('margin-mm').fill('2');
    await expect.poll(() => page.getByTestId('margin-rule').textContent()).toBe('Brain_PRV02 = Brain + 2mm');
    await page.getByTestId('margin-directional').check();
    // Ticking 'per direction' carries the margin into every direction: nothing changes unasked.
    await expect.poll(() => page.getByTestId('margin-rule').textContent()).toBe('Brain_PRV02 = Brain + [R2,L2,A2,P2,S2,I2]mm');
    for (const [d, mm] of [['R', 2], ['L', 2], ['A', 1], ['P', 1], ['S', 3], ['I', 3]] as const) await page.getByTestId(`margin-${d}`).fill(String(mm));
    await expect.poll(() => page.getByTestId('margin-rule').textContent()).toBe('Brain_PRV02 = Brain + [R2,L2,A1,P1,S3,I3]mm');
    await page.getByTestId('margin-mode').selectOption('ring');
    await page.getByTestId('margin-ring-inner').fill('2');
    await page.getByTestId('margin-ring-outer').fill('10');
    await expect.poll(() => page.getByTestId('margin-rule').textContent()).toBe('Ring_Brain = (Brain + 10mm) - (Brain + 2mm)');
    await page.getByTestId('margin-mode').selectOption('expand');
    await page.getByTestId('margin-directional').uncheck();
    await expect.poll(() => page.getByTestId('margin-rule').textContent()).toBe('Brain_PRV02 = Brain + 2mm');
    await page.getByTestId('margin-run').click();
    await expect.poll(() => row('Brain_PRV02').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('margin-dialog').count()).toBe(0);
    // Drawn by a person with a tool: a draft in the 'edited' state, its rule on the record.
    expect(await stateOf('Brain_PRV02')).toBe('edited');

    await page.getByTestId('open-boolean').click();
    await page.getByTestId('boolean-a').selectOption('Brain_PRV02');
    await page.getByTestId('boolean-op').selectOption('-');
    await page.getByTestId('boolean-b').selectOption('Brain');
    await page.getByTestId('boolean-output').fill('Brain_Shell');
    await expect.poll(() => page.getByTestId('boolean-rule').textContent()).toBe('Brain_Shell = Brain_PRV02 - Brain');
    await page.getByTestId('boolean-run').click();
    await expect.poll(() => row('Brain_Shell').count(), { timeout: 60_000 }).toBe(1);
    const volume = async (name: string): Promise<number> => Number(await row(name).locator('td.num').textContent());
    expect(await volume('Brain_PRV02')).toBeGreaterThan(await volume('Brain'));
    expect(await volume('Brain_Shell')).toBeCloseTo((await volume('Brain_PRV02')) - (await volume('Brain')), 1);
  });

  it('approves one structure and rejects another, each on its own', async () => {
    const { page } = session;
    // Approval is per structure: there is no way to approve several drafts at once.
    expect(await page.getByRole('button', { name: /approve all/i }).count()).toBe(0);

    const brain = await select('Brain');
    expect(await brain.getByTestId('review-algorithm').textContent()).toBe('AUTOMATIC');
    expect(await brain.getByTestId('review-provenance').textContent()).toMatch(/brainchop-brain-mask/);
    // Approval needs a recorded look at this revision.
    expect(await brain.getByTestId('review-approve').isDisabled()).toBe(true);
    await brain.getByTestId('review-open').click();
    await expect.poll(() => brain.getByTestId('review-approve').isEnabled()).toBe(true);
    await brain.getByTestId('review-approve').click();
    await expect.poll(() => stateOf('Brain')).toBe('approved');
    expect(await row('Brain').getByTestId('structure-locked').count()).toBe(1);
    expect(await brain.getByTestId('review-decision').textContent()).toContain(`Approved by ${SHOWN} (physician)`);
    expect(await stateOf('Brain_PRV02'), 'approving one structure leaves the others as they were').toBe('edited');

    const prv = await select('Brain_PRV02');
    expect(await prv.getByTestId('review-algorithm').textContent()).toBe('SEMIAUTOMATIC');
    // A decision needs a recorded look at this revision, and a rejection a reason.
    await prv.getByTestId('review-comment').fill(REJECTION);
    expect(await prv.getByTestId('review-reject').isDisabled()).toBe(true);
    await prv.getByTestId('review-open').click();
    await expect.poll(() => prv.getByTestId('review-reject').isEnabled()).toBe(true);
    await prv.getByTestId('review-comment').fill('');
    await expect.poll(() => prv.getByTestId('review-reject').isDisabled()).toBe(true);
    await prv.getByTestId('review-comment').fill(REJECTION);
    await prv.getByTestId('review-reject').click();
    await expect.poll(() => stateOf('Brain_PRV02')).toBe('rejected');
    expect(await prv.getByTestId('review-decision').textContent()).toContain(REJECTION);
    expect(await prv.getByTestId('review-history').textContent()).toMatch(/rejected by Ada Test \(physician\)/);
    expect(await stateOf('Brain')).toBe('approved');
    expect(await stateOf('Brain_Shell')).toBe('edited');
    // The views draw it hatched, and say what hatching means.
    await expect.poll(() => page.getByTestId('rejected-legend').count()).toBe(1);
    await shot('review-decided', 'section[aria-label="Review"]');
  });

  it('a locked structure refuses an edit; a new revision reopens it', async () => {
    const { page } = session;
    await select('Brain');
    expect(await page.getByTestId('locked-hint').count()).toBe(1);
    await page.getByTestId('properties-name').fill('Brain_renamed');
    await page.getByTestId('properties-apply').click();
    await expect.poll(() => page.getByTestId('workspace-error').textContent(), { timeout: 30_000 }).toMatch(/locked/);
    expect(await row('Brain').count()).toBe(1);
    expect(await row('Brain_renamed').count()).toBe(0);
    // The brush on a locked structure: the toolbar says why it draws nothing.
    await page.getByTestId('tool-brush').click();
    await expect.poll(() => page.getByTestId('edit-no-target').textContent()).toBe(
      'Brain is approved and locked, so drawing does not change it: open a new revision in Review to edit it, or choose another structure.',
    );
    await page.getByTestId('tool-navigate').click();
    await expect.poll(() => page.getByTestId('edit-no-target').count()).toBe(0);
    await shot('review-locked-refusal', 'section[aria-label="Structures"]');

    const brain = await select('Brain');
    await brain.getByTestId('review-new-revision').click();
    await expect.poll(() => stateOf('Brain')).toBe('ai-draft');
    expect(await row('Brain').getByTestId('structure-state').textContent()).toBe('AI draft r2');
    expect(await row('Brain').getByTestId('structure-locked').count()).toBe(0);
    expect(await brain.getByTestId('review-history').textContent()).toMatch(/r2 new revision by Ada Test/);
    // The earlier approval stays in the history.
    expect(await brain.getByTestId('review-history').textContent()).toMatch(/r1 approved by Ada Test/);
  });

  it('exports a REJECTED structure set while it holds a rejected structure, with each ROI’s record', async () => {
    const { page } = session;
    // A rejected structure is left out unless the user asks for it: a planning system would show it as an ordinary contour.
    expect(await page.getByTestId('export-start').textContent()).toBe('Export 2');
    expect(await page.getByTestId('export-left-out').textContent()).toBe('Not in the export: 1 rejected (Brain_PRV02).');
    await page.getByTestId('export-include-rejected').check();
    await expect.poll(() => page.getByTestId('export-start').textContent()).toBe('Export 3');
    expect(await page.getByTestId('export-left-out').count()).toBe(0);
    expect(await page.getByTestId('export-warning').textContent()).toMatch(
      /3 of 3 structure\(s\) not approved, 1 of them unreviewed AI draft\(s\), 1 rejected: the file will be marked REJECTED/,
    );
    const out = join(session.dataDir, 'export', 'RS_review_rejected.dcm');
    await exportTo(out);
    expect(await page.getByTestId('export-approval').textContent()).toBe('Approval status: REJECTED');
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    const set = readRtStruct(out);
    expect(set.rois.map((r) => [r.name, r.generationAlgorithm])).toEqual([
      ['Brain', 'AUTOMATIC'],
      ['Brain_PRV02', 'SEMIAUTOMATIC'],
      ['Brain_Shell', 'SEMIAUTOMATIC'],
    ]);
    const read = readProvenance(readDicomFile(out).dataset);
    expect(read.problems).toEqual([]);
    expect(read.approval.status).toBe('REJECTED');
    expect(read.approval.reviewerName).toBe(REVIEWER);
    expect(read.models.map((m) => m.id)).toEqual(['brainchop-brain-mask']);
    const record = (name: string) => read.rois.find((r) => r.name === name)?.record;
    expect(record('Brain')).toMatchObject({ state: 'ai-draft', revision: 2, origin: 'model', humanEdited: false });
    expect(record('Brain')?.model?.id).toBe('brainchop-brain-mask');
    expect(record('Brain_PRV02')).toMatchObject({ state: 'rejected', revision: 1, decision: { type: 'reject', by: { name: REVIEWER, role: 'physician' }, comment: REJECTION } });
    expect(record('Brain_Shell')?.state).toBe('edited');
  });

  it('exports an UNAPPROVED structure set while anything in it is undecided', async () => {
    const { page } = session;
    // Hidden structures are not exported.
    await row('Brain_PRV02').getByRole('checkbox').uncheck();
    await expect.poll(() => page.getByTestId('export-start').textContent()).toBe('Export 2');
    expect(await page.getByTestId('export-left-out').textContent()).toBe('Not in the export: 1 structure switched off in the list.');
    expect(await page.getByTestId('export-warning').textContent()).toMatch(/2 of 2 structure\(s\) not approved.*the file will be marked UNAPPROVED/);
    // No path, a relative path: nothing is written, and the reason is given.
    await page.getByTestId('export-path').fill(' ');
    await expect.poll(() => page.getByTestId('export-start').isDisabled()).toBe(true);
    await page.getByTestId('export-path').fill('RS.dcm');
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('structures-message').textContent()).toMatch(/^Not exported: cannot write RS\.dcm: give the full path of the file/);
    // The refusal was about that export: it goes once the structures to export change.
    await row('Brain_PRV02').getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('structures-message').count()).toBe(0);
    await row('Brain_PRV02').getByRole('checkbox').uncheck();
    await expect.poll(() => page.getByTestId('export-start').textContent()).toBe('Export 2');
    // An existing file is replaced only when the user says so.
    const out = join(session.dataDir, 'export', 'RS_review_unapproved.dcm');
    writeFileSync(out, 'an earlier export');
    await page.getByTestId('export-path').fill(out);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-replace').textContent()).toBe(`${out} already exists. Replace it, or change the name above.ReplaceCancel`);
    await page.getByTestId('export-replace-cancel').click();
    expect(await page.getByTestId('export-replace').count()).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('an earlier export');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-replace-replace').click();
    await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 120_000 }).toContain(`Wrote ${out}`);
    expect(await page.getByTestId('export-approval').textContent()).toBe('Approval status: UNAPPROVED');
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    const read = readProvenance(readDicomFile(out).dataset);
    expect(read.problems).toEqual([]);
    expect(read.approval.status).toBe('UNAPPROVED');
    expect(read.rois.map((r) => [r.name, r.generationAlgorithm, r.record?.state])).toEqual([
      ['Brain', 'AUTOMATIC', 'ai-draft'],
      ['Brain_Shell', 'SEMIAUTOMATIC', 'edited'],
    ]);
  });

  it('exports an APPROVED structure set, naming the reviewer, once every exported structure is approved', async () => {
    const { page } = session;
    const brain = await select('Brain');
    await brain.getByTestId('review-open').click();
    await expect.poll(() => brain.getByTestId('review-approve').isEnabled()).toBe(true);
    await brain.getByTestId('review-approve').click();
    await expect.poll(() => stateOf('Brain')).toBe('approved');
    // Export only what is approved: hide the rest.
    await row('Brain_Shell').getByRole('checkbox').uncheck();
    await expect.poll(() => page.getByTestId('export-start').textContent()).toBe('Export 1');
    expect(await page.getByTestId('export-warning').count()).toBe(0);
    const out = join(session.dataDir, 'export', 'RS_review_approved.dcm');
    await exportTo(out);
    expect(await page.getByTestId('export-approval').textContent()).toBe('Approval status: APPROVED');
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    expect(readRtStruct(out).rois.map((r) => [r.name, r.generationAlgorithm])).toEqual([['Brain', 'AUTOMATIC']]);
    const read = readProvenance(readDicomFile(out).dataset);
    expect(read.problems).toEqual([]);
    expect(read.approval.status).toBe('APPROVED');
    expect(read.approval.reviewerName).toBe(REVIEWER);
    expect(read.approval.reviewDate).toMatch(/^\d{8}$/);
    // The names we write are DICOM person names (family^given), not the retired free-text form.
    expect(verdict.warnings.filter((w) => /Reviewer Name|ROI Interpreter/.test(w)), verdict.output).toEqual([]);
    expect(read.rois[0]?.interpreter).toBe(REVIEWER);
    expect(read.rois[0]?.record).toMatchObject({ state: 'approved', revision: 2, decision: { type: 'approve', by: { name: REVIEWER, role: 'physician' } } });
    await shot('review-exported', 'section[aria-label="Structures"]');
  });

  it('lists the GTVs in a sortable lesion table and exports it as CSV', async () => {
    const { page } = session;
    const { api } = session.backend;
    const [patient] = await api.listPatients({});
    const [study] = await api.listStudies({ patientId: patient!.patientId });
    const mr = (await api.listSeries({ studyUid: study!.studyInstanceUid })).find((x) => x.modality === 'MR')!;
    const rtstruct = (await api.listStructureSets({ seriesUid: mr.seriesInstanceUid })).find((x) => x.path.includes('MR_T1'))!;
    const gtv = readRtStruct(rtstruct.path).rois[0]!.name;
    await page.getByTestId('rtstruct-path').fill(rtstruct.path);
    await page.getByTestId('rtstruct-load').click();
    await expect.poll(() => row(gtv).count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('rule-text').fill(`GTV_Core = ${gtv} - 3mm`);
    await page.getByTestId('rule-run').click();
    await expect.poll(() => row('GTV_Core').count(), { timeout: 60_000 }).toBe(1);

    const lesions = page.getByTestId('lesion-row');
    await expect.poll(() => lesions.count(), { timeout: 60_000 }).toBe(2);
    const order = async (): Promise<(string | null)[]> => Promise.all((await lesions.all()).map((l) => l.getAttribute('data-name')));
    // Largest first by default; the column header flips it.
    expect(await order()).toEqual([gtv, 'GTV_Core']);
    await page.getByTestId('lesion-sort-volumeCc').click();
    expect(await order()).toEqual(['GTV_Core', gtv]);
    const cells = await page.locator(`[data-testid="lesion-row"][data-name="${gtv}"] td`).allTextContents();
    expect(Number(cells[1])).toBeCloseTo(Number(await row(gtv).locator('td.num').textContent()), 1);
    expect(Number(cells[2])).toBeGreaterThanOrEqual(Number(cells[3]));
    await shot('review-lesion-table', '[data-testid="lesion-table"]');

    const csv = join(session.dataDir, 'export', 'lesions.csv');
    await page.getByTestId('lesion-export-path').fill(csv);
    await page.getByTestId('lesion-export').click();
    await expect.poll(() => page.getByTestId('lesion-message').textContent(), { timeout: 30_000 }).toBe(`Wrote 2 lesion(s) to ${csv}.`);
    // Exported again to the same file: asked first.
    await page.getByTestId('lesion-export').click();
    await expect.poll(() => page.getByTestId('lesion-replace').count()).toBe(1);
    await page.getByTestId('lesion-replace-replace').click();
    await expect.poll(() => page.getByTestId('lesion-message').textContent(), { timeout: 30_000 }).toBe(`Wrote 2 lesion(s) to ${csv}.`);
    expect(await page.getByTestId('lesion-replace').count()).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/cc/);
    expect(lines[0]).toMatch(/mm/);
    expect(lines.slice(1).some((l) => l.includes(gtv))).toBe(true);

    // A rule's warning belongs to that rule: it goes as the next edit starts, also when that edit is refused.
    await page.getByTestId('rule-text').fill(`GTV_Thin = ${gtv} + 0.1mm`);
    await page.getByTestId('rule-run').click();
    await expect.poll(() => page.getByTestId('workspace-warnings').textContent(), { timeout: 60_000 }).toContain(`GTV_Thin = ${gtv} + 0.1mm: the `);
    await page.getByTestId('rule-text').fill('GTV_Other = NoSuchStructure + 1mm');
    await page.getByTestId('rule-run').click();
    await expect.poll(() => page.getByTestId('workspace-error').textContent()).toContain("unknown structure 'NoSuchStructure'");
    expect(await page.getByTestId('workspace-warnings').count()).toBe(0);

    // Deleting asks once on the row; No keeps the structure, Yes deletes it.
    await row('GTV_Thin').getByTestId('structure-delete').click();
    await row('GTV_Thin').getByTestId('structure-delete-cancel').click();
    expect(await row('GTV_Thin').count()).toBe(1);
    await row('GTV_Thin').getByTestId('structure-delete').click();
    await row('GTV_Thin').getByTestId('structure-delete-confirm').click();
    await expect.poll(() => row('GTV_Thin').count(), { timeout: 30_000 }).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
