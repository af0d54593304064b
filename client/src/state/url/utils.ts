/** The one date rule (contract/dates.ts): a real calendar date written YYYY-MM-DD. */
export { isIsoDate } from '../../../../contract';

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
