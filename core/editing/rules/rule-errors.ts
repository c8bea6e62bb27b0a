/** Point at a position in a rule: the rule, then a caret under the offending character. */
function pointer(text: string, pos: number): string {
  return `  ${text}\n  ${' '.repeat(Math.max(0, Math.min(pos, text.length)))}^`;
}

/** The rule is not well formed; `position` is 0-based, the message shows it 1-based with a caret. */
export class RuleSyntaxError extends Error {
  constructor(readonly rule: string, readonly position: number, readonly reason: string) {
    super(`rule "${rule}": ${reason} (at character ${position + 1})\n${pointer(rule, position)}`);
    this.name = 'RuleSyntaxError';
  }
}

/** The rule names a structure that does not exist (yet): lists the names it could have meant. */
export class UnknownStructureError extends Error {
  constructor(readonly rule: string, readonly structure: string, readonly position: number, readonly known: readonly string[]) {
    const suggestion = closest(structure, known);
    super(
      `rule "${rule}": unknown structure '${structure}' (at character ${position + 1})` +
        `${suggestion ? `; did you mean '${suggestion}'?` : ''}\n${pointer(rule, position)}\n` +
        `  known structures: ${known.length ? known.map((k) => `'${k}'`).join(', ') : '(none)'}`,
    );
    this.name = 'UnknownStructureError';
  }
}

/**
 * The known name it most likely meant: one that starts with it or contains it (GTV → GTV_Mass_CT),
 * else the nearest by edit distance if plausibly a typo; case-insensitive.
 */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const partial = known.filter((k) => k.toLowerCase().includes(lower));
  if (partial.length === 1) return partial[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
