// The policy holds' calls, typed with the server's own shapes (types only: nothing of the server is bundled).
import type { PolicyHoldChange, PolicyHoldInput } from '../../../definition/policy-holds.ts';
import type { PolicyHoldView } from '../../../server/policy-holds/schemas.ts';
import { api, query } from '../api/client.ts';

export type { PolicyHoldView };
type Changed = { hold: PolicyHoldView; notified: number };

export const holdsApi = {
  list: (scope: 'current' | 'all' = 'all') => api.get<{ holds: PolicyHoldView[] }>(`/api/policy-holds${query({ scope })}`),
  create: (input: PolicyHoldInput) => api.post<{ hold: PolicyHoldView }>('/api/policy-holds', input),
  change: (id: string, change: PolicyHoldChange) => api.patch<Changed>(`/api/policy-holds/${encodeURIComponent(id)}`, change),
  end: (id: string, note?: string) => api.post<Changed>(`/api/policy-holds/${encodeURIComponent(id)}/end`, note ? { note } : {}),
};
