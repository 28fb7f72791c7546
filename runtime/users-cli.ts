// `npm run users -- <command>`: manage staff users from a shell, e.g. the first admin of a
// production installation (which seeds no demo users). Uses DATABASE_URL, or else the
// embedded PostgreSQL in DATA_DIR (reusing a running `npm start`'s, or starting it briefly).
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { roles as roleVocabulary, type Role } from '../definition/catalog.ts';
import { RoleSchema } from '../definition/schema.ts';
import { adminCreateUser, adminUpdateUser } from '../server/auth/user-admin.ts';
import { listUsers, NewUserSchema, UserUpdateSchema, type User } from '../server/auth/users.ts';
import type { Db } from '../server/db/pool.ts';
import { AppError } from '../server/errors.ts';
import { connectCommandLine } from './command-line-db.ts';

const usage = `Usage: npm run users -- <command>

  list                                         all users, their roles and whether they are active
  add <username> --name "<name>" --roles <r,r> [--phone <phone>] [--password <pw>]
                                               a new user; without --password one is generated and shown once
  roles <username> <r,r>                       replace the user's roles
  deactivate <username>                        the user can no longer sign in; their sessions end
  activate <username>
  password <username> [--password <pw>]        set a new password (generated when not given); sessions end

Roles: ${roleVocabulary.ids.join(', ')}`;

class UsageError extends Error {}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new UsageError(result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
}

function roleList(text: string | undefined): Role[] {
  const given = (text ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (given.length === 0) throw new UsageError(`roles: give at least one role (${roleVocabulary.ids.join(', ')})`);
  const unknown = given.filter((r) => !RoleSchema.safeParse(r).success);
  if (unknown.length) throw new UsageError(`roles: ${unknown.map((r) => `"${r}"`).join(', ')} is not a role; roles are ${roleVocabulary.ids.join(', ')}`);
  return given as Role[];
}
const generatedPassword = () => randomBytes(12).toString('base64url');

async function byUsername(pool: Db, username: string | undefined): Promise<User> {
  if (!username) throw new UsageError('which user? give a username');
  const found = (await listUsers(pool)).find((u) => u.username === username.trim().toLowerCase());
  if (!found) throw new UsageError(`there is no user "${username}"`);
  return found;
}

function show(u: User): string {
  return `${u.username.padEnd(16)} ${u.displayName.padEnd(24)} ${u.roles.join(',').padEnd(36)} ${u.active ? 'active' : 'INACTIVE'}`;
}

export async function run(argv: string[], out: (line: string) => void = console.log): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, roles: { type: 'string' }, phone: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || command === 'help') {
    out(usage);
    return;
  }
  if (!['list', 'add', 'roles', 'deactivate', 'activate', 'password'].includes(command)) throw new UsageError(`unknown command "${command}"\n\n${usage}`);
  const actor = { operator: `cli:${userInfo().username}` };
  const { pool, stop } = await connectCommandLine();
  try {
    switch (command) {
      case 'list':
        for (const u of await listUsers(pool)) out(show(u));
        return;
      case 'add': {
        const password = values.password ?? generatedPassword();
        const input = parse(NewUserSchema, { username: rest[0], displayName: values.name, roles: roleList(values.roles), phone: values.phone, password });
        const { user } = await adminCreateUser(pool, input, actor);
        out(`created ${show(user)}`);
        if (!values.password) out(`password (shown once): ${password}`);
        return;
      }
      case 'roles': {
        const user = await byUsername(pool, rest[0]);
        out(`updated ${show((await adminUpdateUser(pool, user.id, parse(UserUpdateSchema, { roles: roleList(rest[1]) }), actor)).user)}`);
        return;
      }
      case 'deactivate':
      case 'activate': {
        const user = await byUsername(pool, rest[0]);
        out(`updated ${show((await adminUpdateUser(pool, user.id, { active: command === 'activate' }, actor)).user)}`);
        return;
      }
      case 'password': {
        const user = await byUsername(pool, rest[0]);
        const password = values.password ?? generatedPassword();
        await adminUpdateUser(pool, user.id, parse(UserUpdateSchema, { password }), actor);
        out(`new password set for ${user.username}; their sessions have ended`);
        if (!values.password) out(`password (shown once): ${password}`);
        return;
      }
    }
  } finally {
    await stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await run(process.argv.slice(2));
  } catch (err) {
    const parseError = String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || parseError) {
      console.error((err as Error).message);
      process.exit(2);
    }
    if (err instanceof AppError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
