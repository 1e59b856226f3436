/**
 * The form person names are matched in: accents removed (canonical decomposition, marks
 * dropped) and upper case, so `Jérôme*` finds `JEROME^…`. Component separators (`^`) and group
 * separators are kept as they are.
 */
export function normalizePersonName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/**
 * The normalised groups (Alphabetic, Ideographic, Phonetic) of a PN attribute's values in the
 * DICOM JSON model: a name matches when one of its groups does.
 */
export function personNameSearchValues(values: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    if (value === null || typeof value !== 'object') continue;
    for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'] as const) {
      const text = (value as Record<string, unknown>)[group];
      if (typeof text === 'string' && text !== '') out.push(normalizePersonName(text));
    }
  }
  return out;
}
