/** An undo stack: `past` oldest first, `future` next-to-redo first. Each entry carries a label saying what it did. */
export interface History<T> {
  past: { state: T; label: string }[];
  present: T;
  /** what the step that led to `present` did */
  presentLabel: string;
  future: { state: T; label: string }[];
}
