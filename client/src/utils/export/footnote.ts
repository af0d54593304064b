/**
 * The footnote naming the sources: "Source: <outlet>, <date>" when both are known. Nothing is invented: an
 * unknown outlet or date is said to be unknown, e.g. "Source: <source name> (outlet and date not stated)".
 */
import type { SnapshotSource } from '../../../../contract';

export function sourcePhrase(s: SnapshotSource): string {
  const outlet = s.outlet?.trim() || null;
  const date = s.published?.trim() || null;
  if (outlet && date) return `${outlet}, ${date}`;
  if (outlet) return `${outlet} (date not stated)`;
  if (date) return `${s.name}, ${date} (outlet not stated)`;
  return `${s.name} (outlet and date not stated)`;
}

export function sourcesFootnote(sources: SnapshotSource[]): string {
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const s of sources) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    phrases.push(sourcePhrase(s));
  }
  if (phrases.length === 0) return '';
  return `${phrases.length === 1 ? 'Source' : 'Sources'}: ${phrases.join('; ')}`;
}
