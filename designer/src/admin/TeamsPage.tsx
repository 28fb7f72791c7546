// Teams and their postcode areas: a member of a team sees, in lists, the inbox and by id, only
// the cases of their teams' areas; staff in no team see every case. Areas are typed as ranges
// of the postcode's four digits ("3500-3549, 3600"); the server names what is wrong.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { taskRoles } from '../../../definition/access.ts';
import type { User } from '../../../server/auth/schemas.ts';
import type { Team } from '../../../server/teams/schemas.ts';
import { api } from '../api/client.ts';
import { useLoad } from '../staff/use-load.ts';
import { AdminPage, type Banner } from './AdminPage.tsx';

type Area = Team['areas'][number];

/** "3500-3549, 3600" → ranges; what is not four digits is left to the server to name. */
export function parseAreas(text: string): Area[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((part) => {
      const [from, to = from] = part.split(/[-–]/);
      return { from: Number(from), to: Number(to) };
    });
}
export const formatAreas = (areas: Area[]) => areas.map((a) => (a.from === a.to ? `${a.from}` : `${a.from}-${a.to}`)).join(', ');

export function TeamsPage() {
  const { t } = useTranslation('admin');
  const teams = useLoad(() => api.get<{ teams: Team[] }>('/api/teams').then((r) => r.teams), []);
  const users = useLoad(() => api.get<{ users: User[] }>('/api/users').then((r) => r.users.filter((u) => u.active && u.roles.some((r) => taskRoles.includes(r)))), []);
  const [message, setMessage] = useState<Banner>(null);

  /** Runs an action, says how it went, and reloads the teams; true when it worked. */
  const act = async (run: () => Promise<unknown>, done: string): Promise<boolean> => {
    setMessage(null);
    try {
      await run();
      setMessage({ kind: 'ok', text: done });
      await teams.reload();
      return true;
    } catch (err) {
      setMessage({ kind: 'error', text: (err as Error).message });
      return false;
    }
  };
  const save = (id: string, body: { name: string; areas: Area[]; members: string[] }) => act(() => api.put(`/api/teams/${encodeURIComponent(id)}`, body), t('teams.saved', { name: body.name }));
  const remove = (team: Team) => act(() => api.delete(`/api/teams/${encodeURIComponent(team.id)}`), t('teams.deleted', { name: team.name }));

  return (
    <AdminPage title={t('teams.title')} intro={t('teams.intro')} message={message}>
      {(teams.value ?? []).map((team) => (
        <TeamForm key={`${team.id}:${team.updatedAt}`} team={team} staff={users.value ?? []} onSave={(body) => save(team.id, body)} onDelete={() => void remove(team)} />
      ))}
      <NewTeam staff={users.value ?? []} onSave={save} />
    </AdminPage>
  );
}

function TeamForm({ team, staff, onSave, onDelete }: { team: Team; staff: User[]; onSave: (body: { name: string; areas: Area[]; members: string[] }) => Promise<boolean>; onDelete: () => void }) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState(team.name);
  const [areas, setAreas] = useState(formatAreas(team.areas));
  const [members, setMembers] = useState<string[]>(team.members.map((m) => m.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave({ name, areas: parseAreas(areas), members });
  };
  return (
    <form className="st-card st-form" data-team={team.id} onSubmit={submit} aria-label={t('teams.formLabel', { name: team.name })}>
      <TeamFields name={name} setName={setName} areas={areas} setAreas={setAreas} members={members} setMembers={setMembers} staff={staff} />
      <div className="st-form-actions">
        <button type="submit" className="button primary">
          {t('teams.save')}
        </button>
        <button type="button" className="button danger" onClick={onDelete}>
          {t('teams.delete')}
        </button>
      </div>
    </form>
  );
}

function NewTeam({ staff, onSave }: { staff: User[]; onSave: (id: string, body: { name: string; areas: Area[]; members: string[] }) => Promise<boolean> }) {
  const { t } = useTranslation('admin');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [areas, setAreas] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onSave(id.trim(), { name, areas: parseAreas(areas), members })) {
      setId('');
      setName('');
      setAreas('');
      setMembers([]);
    }
  };
  return (
    <form className="st-card st-form" data-team="new" onSubmit={(e) => void submit(e)} aria-label={t('teams.new')}>
      <h2>{t('teams.new')}</h2>
      <TeamFields id={id} setId={setId} name={name} setName={setName} areas={areas} setAreas={setAreas} members={members} setMembers={setMembers} staff={staff} />
      <div className="st-form-actions">
        <button type="submit" className="button primary">
          {t('teams.create')}
        </button>
      </div>
    </form>
  );
}

type FieldsProps = {
  /** Only a new team has its id to choose. */
  id?: string;
  setId?: (v: string) => void;
  name: string;
  setName: (v: string) => void;
  areas: string;
  setAreas: (v: string) => void;
  members: string[];
  setMembers: (v: string[]) => void;
  staff: User[];
};

function TeamFields(p: FieldsProps) {
  const { t } = useTranslation('admin');
  const key = useId();
  return (
    <>
      <div className="st-plan-grid">
        {p.setId && (
          <div className="st-field">
            <label htmlFor={`${key}-id`}>{t('teams.id')}</label>
            <input id={`${key}-id`} value={p.id} onChange={(e) => p.setId!(e.target.value)} placeholder="utrecht-noord" required />
          </div>
        )}
        <div className="st-field">
          <label htmlFor={`${key}-name`}>{t('teams.name')}</label>
          <input id={`${key}-name`} value={p.name} onChange={(e) => p.setName(e.target.value)} required />
        </div>
        <div className="st-field">
          <label htmlFor={`${key}-areas`}>{t('teams.areas')}</label>
          <input id={`${key}-areas`} value={p.areas} onChange={(e) => p.setAreas(e.target.value)} placeholder="3500-3549, 3600-3699" />
        </div>
      </div>
      <fieldset className="st-field">
        <legend>{t('teams.members')}</legend>
        <div className="st-roles">
          {p.staff.map((u) => (
            <label key={u.id}>
              <input type="checkbox" checked={p.members.includes(u.id)} onChange={(e) => p.setMembers(e.target.checked ? [...p.members, u.id] : p.members.filter((m) => m !== u.id))} /> {u.displayName}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
