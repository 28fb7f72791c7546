// Readable, unique ids for steps and outcomes: "huurder-bellen", "huurder-bellen-2".
import { slugify } from '../../../../definition/ids.ts';

/** Shorter than an id may be, so a suffix ("-kopie-2") still fits. */
const ROOT_MAX = 48;

/** The slug an id made from `text` starts with; "stap" when nothing of the text is left. */
const idRoot = (text: string): string => slugify(text, ROOT_MAX) || 'stap';

export function uniqueId(base: string, taken: ReadonlySet<string> | ((id: string) => boolean)): string {
  const isTaken = typeof taken === 'function' ? taken : (id: string) => taken.has(id);
  const root = idRoot(base);
  if (!isTaken(root)) return root;
  for (let i = 2; ; i++) {
    const id = `${root}-${i}`;
    if (!isTaken(id)) return id;
  }
}

/** The id of an item (an outcome, a branch) whose label changes: while the id still follows the label, it keeps following it. */
export function idAfterRelabel(item: { id: string; label: string }, label: string, taken: ReadonlySet<string>): string {
  const follows = item.id === idRoot(item.label) || item.id === uniqueId(item.label, taken);
  return follows && label.trim() ? uniqueId(label, taken) : item.id;
}
