// The designer's calls to the API, typed with what the server answers.
import type { DefinitionDiff } from '../../../definition/diff.ts';
import type { DryRunBehaviour } from '../../../definition/dry-run.ts';
import type { Definition } from '../../../definition/schema.ts';
import type { Template } from '../../../definition/templates.ts';
import type { Problem } from '../../../definition/validate.ts';
import { api } from '../api/client.ts';
import type { DefinitionBody, LooseDefinition } from './model/convert.ts';

export type DefinitionSummary = { id: string; name: string; latestVersion: number; versions: number; runningCases: number; publishedAt: string; hasDraft: boolean };
export type DraftSummary = { id: string; name: string; updatedAt: string; updatedByName: string };
export type PublishedVersion = { id: string; version: number; name: string; body: Definition; changeNote: string | null; publishedBy: string; publishedAt: string };
export type VersionListing = PublishedVersion & { publishedByName: string; runningCases: number };
export type Draft = { id: string; body: LooseDefinition; basedOnVersion: number | null; updatedBy: string; updatedByName: string; updatedAt: string };
export type StoredTemplate = Template & { updatedBy: string; updatedAt: string };
export type TemplateUse = { definitionId: string; version: number | 'draft'; stepId: string; channel: string };

export type DryRunView = {
  id: string;
  definitionId: string;
  behaviour: DryRunBehaviour;
  status: 'running' | 'finished' | 'stopped';
  stopReason: string | null;
  startedAt: string;
  finishedAt: string | null;
  caseId: string;
  outcome: string | null;
  balanceCents: number;
  currentStepId: string | null;
  timeScale: number;
  steps: Array<{ stepId: string; name: string; kind: string; visit: number; at: string; outcome: string | null }>;
  messages: Array<{ id: number; stepId: string; channel: string; templateId: string; purpose: string; subject: string | null; body: string; status: string; at: string }>;
  events: Array<{ type: string; stepId: string | null; at: string; data: Record<string, unknown> }>;
};

const enc = encodeURIComponent;

export const designerApi = {
  list: () => api.get<{ definitions: DefinitionSummary[]; drafts: DraftSummary[] }>('/api/definitions?drafts=true'),
  create: (input: { id: string; name: string; description?: string }) => api.post<{ draft: Draft }>('/api/definitions', input),
  latest: (id: string) => api.get<PublishedVersion>(`/api/definitions/${enc(id)}`),
  version: (id: string, version: number) => api.get<PublishedVersion>(`/api/definitions/${enc(id)}/versions/${version}`),
  versions: (id: string) => api.get<{ versions: VersionListing[] }>(`/api/definitions/${enc(id)}/versions`),
  draft: (id: string) => api.get<{ draft: Draft; problems: Problem[] }>(`/api/definitions/${enc(id)}/draft`),
  saveDraft: (id: string, definition: DefinitionBody, options: { basedOnVersion: number | null; expectedUpdatedAt?: string | null }) =>
    api.put<{ draft: Draft; problems: Problem[] }>(`/api/definitions/${enc(id)}/draft`, { definition, ...options }),
  discardDraft: (id: string) => api.delete<void>(`/api/definitions/${enc(id)}/draft`),
  publish: (definition: DefinitionBody, note: string) => api.post<PublishedVersion>('/api/definitions/publish', { definition, note }),
  diff: (id: string, from: number | 'draft', to: number | 'draft') => api.get<{ diff: DefinitionDiff }>(`/api/definitions/${enc(id)}/diff?from=${from}&to=${to}`),
  templates: () => api.get<{ templates: StoredTemplate[] }>('/api/templates'),
  template: (id: string) => api.get<{ template: StoredTemplate; usedBy: TemplateUse[] }>(`/api/templates/${enc(id)}`),
  saveTemplate: (template: Template) => api.put<{ template: StoredTemplate }>(`/api/templates/${enc(template.id)}`, template),
  deleteTemplate: (id: string) => api.delete<void>(`/api/templates/${enc(id)}`),
  startDryRun: (definition: DefinitionBody, behaviour: DryRunBehaviour) => api.post<{ id: string }>('/api/definitions/dry-run', { definition, behaviour }),
  dryRun: (id: string) => api.get<DryRunView>(`/api/dry-runs/${enc(id)}`),
  stopDryRun: (id: string) => api.post<DryRunView>(`/api/dry-runs/${enc(id)}/stop`),
};
