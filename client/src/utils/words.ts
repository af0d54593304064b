/** Words for people: counts with the right plural, property keys as phrases, error codes as headings. Pure. */

/** "1 node", "2 nodes", "1 meeting"; `plural` for irregular words ("1 match", "2 matches"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A property key as a phrase: identityInferred → "Identity inferred", source_id → "Source id", URL stays URL. */
export function humanKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => (/^[A-Z\d]+$/.test(w) ? w : i === 0 ? w.toLowerCase() : w.toLowerCase()));
  if (words.length === 0) return key;
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

const HEADINGS: Record<string, string> = {
  cypher_error: 'The query has an error',
  bad_params: 'The parameters are not valid',
  bad_request: 'The request is not valid',
  read_only: 'The console only reads',
  write_not_allowed: 'The console only reads',
  timeout: 'The query took too long',
  too_many_rows: 'The result is too large',
  rate_limited: 'Too many requests',
  not_found: 'Not found',
  network: 'The server did not answer',
  unavailable: 'The database is not available',
};

/** An API error code as a heading a person reads ("cypher_error" → "The query has an error"). */
export function errorHeading(code: string): string {
  return HEADINGS[code] ?? humanKey(code);
}
