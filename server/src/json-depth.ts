/**
 * The nesting depth of a JSON text, measured on the text itself (strings skipped), so a hostile body nested
 * thousands deep is refused before any recursive code (JSON.parse's consumers, zod, the driver) walks it.
 * Used for request bodies (app.ts) and data files.
 */

/** `null` when `text` nests at most `max` deep, else a sentence naming the limit. */
export function jsonDepthError(text: string, max: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        return `is nested more than ${max} levels deep (arrays and objects inside each other, at character ${i + 1}); flatten it.`;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}
