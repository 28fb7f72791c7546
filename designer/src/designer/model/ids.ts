// Readable, unique ids for steps and outcomes: "huurder-bellen", "huurder-bellen-2".

export function slugify(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'stap';
}

export function uniqueId(base: string, taken: ReadonlySet<string> | ((id: string) => boolean)): string {
  const isTaken = typeof taken === 'function' ? taken : (id: string) => taken.has(id);
  const root = slugify(base);
  if (!isTaken(root)) return root;
  for (let i = 2; ; i++) {
    const id = `${root}-${i}`;
    if (!isTaken(id)) return id;
  }
}
