// The case pages' calls to the API. GET /api/cases/:id is built by the server from several
// queries; its shape is written out here (the server's types for it are loose).
import type { Role } from '../../../definition/catalog.ts';
import type { Definition } from '../../../definition/schema.ts';
import type { AuditRow } from '../../../server/audit/repository.ts';
import type { CaseNote } from '../../../server/case-page/repository.ts';
import type { CaseRow } from '../../../server/cases/repository.ts';
import type { CaseView } from '../../../workflows/case-view.ts';
import { api, query } from '../api/client.ts';
import type { TimelineEvent } from '../staff/events.ts';

export type { AuditRow, CaseNote, CaseRow, CaseView };

export type CaseMessage = {
  id: number;
  stepId: string;
  channel: string;
  templateId: string;
  purpose: string;
  recipient: string | null;
  subject: string | null;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  error: string | null;
  at: string;
  sentAt: string | null;
};

export type CaseTask = {
  id: string;
  stepId: string;
  kind: string;
  title: string;
  role: Role;
  originalRole: Role;
  assignee: string | null;
  status: 'open' | 'completed' | 'cancelled' | 'expired';
  outcome: string | null;
  fields: Record<string, unknown> | null;
  completedBy: string | null;
  dueAt: string | null;
  openedAt: string;
  closedAt: string | null;
  approval: { stepId: string; level: number; levelId: string } | null;
};

export type CaseDetail = {
  case: CaseRow;
  tenant: { name: string; email: string | null; phone: string | null; preferredChannel: string | null };
  tenancy: { reference: string; street: string; postalCode: string; city: string; monthlyRentCents: number | null; minorsInHousehold: boolean };
  timeline: TimelineEvent[];
  messages: CaseMessage[];
  tasks: CaseTask[];
  payments: Array<{ reference: string; amountCents: number; receivedAt: string; source: string; appliedAt: string | null; balanceAfterCents: number | null }>;
  handovers: Array<{ id: string; stepId: string; partner: string; purpose: string | null; status: string; at: string }>;
  live: CaseView | null;
  now: string | null;
  liveError?: string;
};

export type PublishedDefinition = { id: string; version: number; name: string; body: Definition };

export const casesApi = {
  list: (p: Record<string, string | number | undefined>) => api.get<{ total: number; cases: CaseRow[] }>(`/api/cases${query(p)}`),
  get: (id: string) => api.get<CaseDetail>(`/api/cases/${id}`),
  progress: (id: string) => api.get<{ status: string; balanceCents: number; currentStep: string | null; version: string }>(`/api/cases/${id}/progress`),
  definition: (id: string, version: number) => api.get<PublishedDefinition>(`/api/definitions/${encodeURIComponent(id)}/versions/${version}`),
  notes: (id: string) => api.get<{ notes: CaseNote[] }>(`/api/cases/${id}/notes`),
  addNote: (id: string, text: string) => api.post<{ note: CaseNote }>(`/api/cases/${id}/notes`, { text }),
  audit: (id: string) => api.get<{ total: number; entries: AuditRow[] }>(`/api/cases/${id}/audit?limit=500`),
  pay: (id: string, body: { reference: string; amountCents: number; receivedAt?: string }) => api.post<{ balanceCents: number; duplicate: boolean }>(`/api/cases/${id}/payments`, body),
  pause: (id: string, body: { reason: string; reviewDate: string }) => api.post(`/api/cases/${id}/pause`, body),
  resume: (id: string, body: { note?: string }) => api.post(`/api/cases/${id}/resume`, body),
  contact: (id: string, note: string) => api.post(`/api/cases/${id}/events`, { type: 'contact', ...(note ? { note } : {}) }),
};
