const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string | null): s is string {
  return s !== null && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** A comma-separated list, without empty items; order kept, duplicates dropped. */
export function splitList(s: string | null): string[] {
  if (!s) return [];
  return [
    ...new Set(
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
