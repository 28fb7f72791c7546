// The case pages' calls to the API, typed with what the server answers: the server's own
// types and return types, imported as types only (nothing of the server is bundled).
import type { AuditRow } from '../../../server/audit/repository.ts';
import type { CaseNote } from '../../../server/case-page/repository.ts';
import type { auditLog, caseProgress } from '../../../server/case-page/service.ts';
import type { CaseMessage, CasePayment, CaseRow, CaseTask } from '../../../server/cases/repository.ts';
import type { PauseBody, ProposeForgivenessBody, ResumeBody } from '../../../server/cases/schemas.ts';
import type { ForgivenessProposed } from '../../../workflows/messages.ts';
import type { ContactPatch } from '../../../server/cases/contact.ts';
import type { CaseDetail, listCases } from '../../../server/cases/service.ts';
import type { ManualPaymentResult } from '../../../server/payments/manual.ts';
import type { PaymentRequest } from '../../../server/payments/requests-repository.ts';
import type { ManualPayment } from '../../../server/payments/schemas.ts';
import type { PublishedVersion } from '../../../server/definitions/repository.ts';
import type { CaseView } from '../../../workflows/case-view.ts';
import { api, query } from '../api/client.ts';

export type { AuditRow, CaseDetail, CaseMessage, CaseNote, CasePayment, CaseRow, CaseTask, CaseView, PaymentRequest };
export type CaseList = Awaited<ReturnType<typeof listCases>>;
export type CaseProgress = Awaited<ReturnType<typeof caseProgress>>;
export type CaseAudit = Awaited<ReturnType<typeof auditLog>>;
export type PaymentRegistered = ManualPaymentResult;
export type PublishedDefinition = PublishedVersion;

export const casesApi = {
  list: (p: Record<string, string | number | undefined>) => api.get<CaseList>(`/api/cases${query(p)}`),
  get: (id: string) => api.get<CaseDetail>(`/api/cases/${id}`),
  progress: (id: string) => api.get<CaseProgress>(`/api/cases/${id}/progress`),
  definition: (id: string, version: number) => api.get<PublishedDefinition>(`/api/definitions/${encodeURIComponent(id)}/versions/${version}`),
  notes: (id: string) => api.get<{ notes: CaseNote[] }>(`/api/cases/${id}/notes`),
  addNote: (id: string, text: string) => api.post<{ note: CaseNote }>(`/api/cases/${id}/notes`, { text }),
  audit: (id: string) => api.get<CaseAudit>(`/api/cases/${id}/audit?limit=500`),
  pay: (id: string, body: ManualPayment) => api.post<PaymentRegistered>(`/api/cases/${id}/payments`, body),
  approvePayment: (requestId: string) => api.post<PaymentRegistered>(`/api/payment-requests/${requestId}/approve`, {}),
  rejectPayment: (requestId: string, note: string) => api.post(`/api/payment-requests/${requestId}/reject`, { note }),
  pause: (id: string, body: PauseBody) => api.post(`/api/cases/${id}/pause`, body),
  resume: (id: string, body: ResumeBody) => api.post(`/api/cases/${id}/resume`, body),
  proposeForgiveness: (id: string, body: ProposeForgivenessBody) => api.post<ForgivenessProposed>(`/api/cases/${id}/forgiveness`, body),
  changeContact: (id: string, patch: ContactPatch) => api.patch<{ contact: CaseDetail['tenant'] }>(`/api/cases/${id}/contact`, patch),
  contact: (id: string, note: string) => api.post(`/api/cases/${id}/events`, { type: 'contact', ...(note ? { note } : {}) }),
};
