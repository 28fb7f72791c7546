// Names of staff for ids: workflows and the timeline carry user ids only (no names in
// workflow histories), the pages show who did what. Loaded once per page load.
import { useEffect, useState } from 'react';
import type { StaffMember } from '../../../server/auth/schemas.ts';
import { api } from '../api/client.ts';
import { TENANT_ACTOR } from '../../../definition/access.ts';
import i18n from '../i18n/index.ts';

export type { StaffMember };

let cache: Promise<StaffMember[]> | null = null;

export function loadStaff(): Promise<StaffMember[]> {
  cache ??= api.get<{ staff: StaffMember[] }>('/api/staff').then(
    (r) => r.staff,
    (err: unknown) => {
      cache = null;
      throw err;
    },
  );
  return cache;
}

export function useStaff(): { staff: StaffMember[]; nameOf: (id: string | null | undefined) => string } {
  const [staff, setStaff] = useState<StaffMember[]>([]);
  useEffect(() => {
    let live = true;
    loadStaff()
      .then((s) => live && setStaff(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const nameOf = (id: string | null | undefined) => {
    if (!id) return '—';
    return staff.find((s) => s.id === id)?.displayName ?? systemActor(id);
  };
  return { staff, nameOf };
}

/** Actors that are not staff: the tenant on their own page, the engine's deadlines, the system, the CLI. */
function systemActor(id: string): string {
  if (id === TENANT_ACTOR) return i18n.t('staff:actor.tenant');
  if (id === 'deadline') return '⏱';
  if (id === 'system') return 'systeem';
  if (id.startsWith('cli:')) return id;
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
