export function metEdgeId(a: string, b: string): string {
  return a < b ? `met:${a}|${b}` : `met:${b}|${a}`;
}

export function isMetEdgeId(id: string): boolean {
  return id.startsWith('met:');
}
