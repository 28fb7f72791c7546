// Users and their roles: create, change roles, deactivate and activate, reset a password.
// The server refuses what would lock the organisation out (an admin deactivating themselves,
// the last admin going) and records every change in the audit log. Roles given and accounts
// opened wait for a second admin (definition/role-grants.ts), who confirms them here.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as roleVocabulary, type Role } from '../../../definition/catalog.ts';
import { grantConfirmRefusal } from '../../../definition/role-grants.ts';
import type { RoleGrant } from '../../../server/auth/role-grants.ts';
import type { User } from '../../../server/auth/schemas.ts';
import { api } from '../api/client.ts';
import { AdminPage, type Banner } from './AdminPage.tsx';
import { useUser } from '../session/session.tsx';
import { roleLabel } from '../i18n/format.ts';
import { useLoad } from '../staff/use-load.ts';

const allRoles = roleVocabulary.ids;
type ListedUser = User & { locked: boolean; pendingGrant: RoleGrant | null };
type Change = Partial<Pick<User, 'roles' | 'active'>> & { password?: string; unlock?: true; resetFactor?: true; grant?: { id: string; action: 'confirm' | 'reject' } };

/** A password nobody has to think up: 16 characters from the browser's random source. */
function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '').slice(0, 16);
}

export function UsersPage() {
  const { t } = useTranslation('admin');
  const me = useUser();
  const users = useLoad(() => api.get<{ users: ListedUser[] }>('/api/users').then((r) => r.users), []);
  const [message, setMessage] = useState<Banner>(null);

  const change = async (user: User, patch: Change, done: string) => {
    setMessage(null);
    try {
      let asked = false;
      if (patch.unlock) await api.post(`/api/users/${user.id}/unlock`, {});
      else if (patch.resetFactor) await api.post(`/api/users/${user.id}/second-factor/reset`, {});
      else if (patch.grant) await api.post(`/api/role-grants/${patch.grant.id}/${patch.grant.action}`, {});
      else asked = (await api.patch<{ grant?: RoleGrant }>(`/api/users/${user.id}`, patch)).grant !== undefined;
      setMessage({ kind: 'ok', text: asked ? t('grantAsked', { username: user.username }) : done });
      await users.reload();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
    }
  };

  return (
    <AdminPage title={t('title')} intro={t('intro')} message={message}>
      <NewUser
        onCreated={async (u, password) => {
          setMessage({ kind: 'ok', text: t('created', { username: u.username, password }) });
          await users.reload();
        }}
      />
      <table className="st-table" data-testid="users">
        <thead>
          <tr>
            <th>{t('col.user')}</th>
            <th>{t('col.roles')}</th>
            <th>{t('col.status')}</th>
            <th>{t('col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.value ?? []).map((u) => (
            <UserRow key={u.id} user={u} me={me.id} onChange={change} />
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

function UserRow({ user, me, onChange }: { user: ListedUser; me: string; onChange: (u: User, patch: Change, done: string) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const self = user.id === me;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [password, setPassword] = useState<string | null>(null);
  const changed = roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r));
  return (
    <tr data-username={user.username} className={user.active ? undefined : 'past'}>
      <td>
        <strong>{user.displayName}</strong>
        <div className="muted small">
          {user.username}
          {user.phone ? ` · ${user.phone}` : ''}
          {self ? ` · ${t('you')}` : ''}
        </div>
      </td>
      <td>
        <div className="st-roles">
          {allRoles.map((r) => (
            <label key={r} className="small">
              <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {roleLabel(r)}
            </label>
          ))}
        </div>
        {changed && !self && (
          <button type="button" className="button small primary" onClick={() => void onChange(user, { roles }, t('rolesSaved', { username: user.username }))}>
            {t('saveRoles')}
          </button>
        )}
        {self && <p className="muted small">{t('ownRoles')}</p>}
        {user.pendingGrant && <PendingGrant user={user} grant={user.pendingGrant} me={me} onChange={onChange} />}
      </td>
      <td>
        {user.active ? t('active') : user.pendingGrant?.activate ? t('awaitingOpen') : t('inactive')}
        {user.secondFactor && <span> · {t('factorOn')}</span>}
        {user.locked && <strong className="warn"> · {t('locked')}</strong>}
      </td>
      <td>
        <div className="st-actions">
          {user.locked && (
            <button type="button" className="button small primary" onClick={() => void onChange(user, { unlock: true }, t('unlocked', { username: user.username }))}>
              {t('unlock')}
            </button>
          )}
          {user.secondFactor && !self && (
            <button type="button" className="button small" onClick={() => void onChange(user, { resetFactor: true }, t('factorReset', { username: user.username }))}>
              {t('resetFactor')}
            </button>
          )}
          {self ? null : user.active ? (
            <button type="button" className="button small danger" onClick={() => void onChange(user, { active: false }, t('deactivated', { username: user.username }))}>
              {t('deactivate')}
            </button>
          ) : (
            <button type="button" className="button small" onClick={() => void onChange(user, { active: true }, t('activated', { username: user.username }))}>
              {t('activate')}
            </button>
          )}
          {password === null ? (
            <button type="button" className="button small" onClick={() => setPassword(generatePassword())}>
              {t('resetPassword')}
            </button>
          ) : (
            <span className="st-inline">
              <input aria-label={t('newPasswordFor', { username: user.username })} value={password} onChange={(e) => setPassword(e.target.value)} />
              <button
                type="button"
                className="button small primary"
                onClick={() => void onChange(user, { password }, t('passwordSet', { username: user.username, password })).then(() => setPassword(null))}
              >
                {t('setPassword')}
              </button>
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Roles or an opening waiting for a second admin; the one who asked and the account's holder cannot confirm. */
function PendingGrant({ user, grant, me, onChange }: { user: ListedUser; grant: RoleGrant; me: string; onChange: (u: User, patch: Change, done: string) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const refusal = grantConfirmRefusal(grant, me);
  const mine = grant.requestedBy === me;
  return (
    <div className="st-banner info small" data-testid="pending-grant">
      <p>
        {t(grant.activate ? 'grantPendingOpen' : 'grantPending', { roles: grant.roles.map(roleLabel).join(', '), by: grant.requestedByName })}
      </p>
      {refusal ? (
        <p className="muted">{t(mine ? 'grantYours' : 'grantOwnAccount')}</p>
      ) : (
        <button type="button" className="button small primary" onClick={() => void onChange(user, { grant: { id: grant.id, action: 'confirm' } }, t('grantConfirmed', { username: user.username }))}>
          {t('grantConfirm')}
        </button>
      )}
      <button type="button" className="button small" onClick={() => void onChange(user, { grant: { id: grant.id, action: 'reject' } }, t(mine ? 'grantWithdrawn' : 'grantRejected', { username: user.username }))}>
        {t(mine ? 'grantWithdraw' : 'grantReject')}
      </button>
    </div>
  );
}

function NewUser({ onCreated }: { onCreated: (u: User, password: string) => Promise<void> }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const [form, setForm] = useState({ username: '', displayName: '', phone: '', password: generatePassword() });
  const [roles, setRoles] = useState<Role[]>(['caseworker']);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ user: User }>('/api/users', { ...form, phone: form.phone || undefined, roles });
      await onCreated(r.user, form.password);
      setForm({ username: '', displayName: '', phone: '', password: generatePassword() });
      setRoles(['caseworker']);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <details className="st-card">
      <summary>
        <h2>{t('new')}</h2>
      </summary>
      <form className="st-form" onSubmit={(e) => void submit(e)} data-testid="new-user">
        <div className="st-plan-grid">
          <div className="st-field">
            <label htmlFor={`${id}-u`}>{t('username')}</label>
            <input id={`${id}-u`} value={form.username} onChange={set('username')} required />
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-n`}>{t('displayName')}</label>
            <input id={`${id}-n`} value={form.displayName} onChange={set('displayName')} required />
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-p`}>{t('phone')}</label>
            <input id={`${id}-p`} value={form.phone} onChange={set('phone')} />
          </div>
          <div className="st-field">
            <label htmlFor={`${id}-w`}>{t('password')}</label>
            <input id={`${id}-w`} value={form.password} onChange={set('password')} required minLength={10} />
          </div>
        </div>
        <fieldset className="st-field">
          <legend>{t('roles')}</legend>
          <div className="st-roles">
            {allRoles.map((r) => (
              <label key={r}>
                <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {roleLabel(r)}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <p className="st-banner error" role="alert">
            {error}
          </p>
        )}
        <div className="st-form-actions">
          <button type="submit" className="button primary">
            {t('create')}
          </button>
        </div>
      </form>
    </details>
  );
}
