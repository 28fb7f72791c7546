// The payload keys, from PAYLOAD_KEYS: `id:base64,id:base64,…`, each a 32-byte AES-256 key,
// the first the one new payloads are encrypted with. Every listed key decodes, so rotation is:
// put the new key first and keep the old ones behind it for as long as a history (a running
// case, or a closed one within the namespace's retention) may still hold payloads under them.

export type PayloadKey = { id: string; key: Buffer };

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The keys in order (the current one first), or what is wrong, without quoting a key. */
export function parsePayloadKeys(text: string): { keys: PayloadKey[] } | { problem: string } {
  const keys: PayloadKey[] = [];
  const entries = text.split(',').map((e) => e.trim());
  for (const [index, entry] of entries.entries()) {
    const at = entry.indexOf(':');
    const id = at < 0 ? '' : entry.slice(0, at).trim();
    const material = at < 0 ? '' : entry.slice(at + 1).trim();
    const which = `key ${index + 1}${KEY_ID.test(id) ? ` ("${id}")` : ''}`;
    if (!KEY_ID.test(id) || !material) return { problem: `${which}: write each key as id:base64key (an id of letters, digits, . _ -), separated by commas` };
    if (keys.some((k) => k.id === id)) return { problem: `${which}: the id "${id}" is used twice` };
    const key = Buffer.from(material, 'base64');
    if (!BASE64.test(material) || key.length !== 32) {
      return { problem: `${which}: the key must be 32 random bytes in base64 (e.g. from \`openssl rand -base64 32\`); this one is ${BASE64.test(material) ? `${key.length} bytes` : 'not base64'}` };
    }
    keys.push({ id, key });
  }
  return { keys };
}
