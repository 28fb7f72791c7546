// A NUL character (U+0000) in a path, a query or a JSON body is refused at the door, naming
// where it is: PostgreSQL cannot store it in text, so it would otherwise fail deep inside a
// request (a 500) after part of the work was done. No name, note or id has one.
import type { RequestHandler } from 'express';
import { invalid } from '../errors.ts';

function findNul(value: unknown, where: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? where : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${where}.${key.replaceAll('\u0000', '\\0')}`;
    const found = findNul(inner, `${where}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function refuseNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const field = (decodedPath(req.path).includes('\u0000') ? 'path' : null) ?? findNul(req.query, 'query') ?? findNul(req.body, 'body');
    if (!field) return next();
    const message = 'contains a NUL character (\\u0000), which no text here may hold';
    next(invalid(`${field}: ${message}`, [{ field, message }]));
  };
}
