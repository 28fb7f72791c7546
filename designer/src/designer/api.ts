// The designer's calls to the API, typed with what the server answers: the server's own
// types and return types, imported as types only (nothing of the server is bundled).
import type { z } from 'zod';
import type { DryRunBehaviour } from '../../../definition/dry-run.ts';
import type { Template } from '../../../definition/templates.ts';
import type { Problem } from '../../../definition/validate.ts';
import type { Draft as StoredDraft, listVersions, PublishedVersion } from '../../../server/definitions/repository.ts';
import type { DefinitionList, DefinitionSummary, diffVersions, DraftSummary, NewDefinitionSchema } from '../../../server/definitions/service.ts';
import type { dryRunView, startDryRun } from '../../../server/dry-run/service.ts';
import type { StoredTemplate } from '../../../server/templates/repository.ts';
import type { templateWithUsage, TemplateUse } from '../../../server/templates/service.ts';
import { api } from '../api/client.ts';
import type { DefinitionBody, LooseDefinition } from './model/convert.ts';

export type { DefinitionSummary, DraftSummary, PublishedVersion, StoredTemplate, TemplateUse };
export type VersionListing = Awaited<ReturnType<typeof listVersions>>[number];
/** The server stores a draft as it was sent, valid or not; the designer reads its body as a loose definition. */
export type Draft = Omit<StoredDraft, 'body'> & { body: LooseDefinition };
export type DryRunView = Awaited<ReturnType<typeof dryRunView>>;
export type DryRunStarted = Awaited<ReturnType<typeof startDryRun>>;
export type DefinitionDiffResult = Awaited<ReturnType<typeof diffVersions>>;
export type NewDefinition = z.input<typeof NewDefinitionSchema>;

const enc = encodeURIComponent;

export const designerApi = {
  list: () => api.get<Required<DefinitionList>>('/api/definitions?drafts=true'),
  create: (input: NewDefinition) => api.post<{ draft: Draft }>('/api/definitions', input),
  latest: (id: string) => api.get<PublishedVersion>(`/api/definitions/${enc(id)}`),
  version: (id: string, version: number) => api.get<PublishedVersion>(`/api/definitions/${enc(id)}/versions/${version}`),
  versions: (id: string) => api.get<{ versions: VersionListing[] }>(`/api/definitions/${enc(id)}/versions`),
  draft: (id: string) => api.get<{ draft: Draft; problems: Problem[] }>(`/api/definitions/${enc(id)}/draft`),
  saveDraft: (id: string, definition: DefinitionBody, options: { basedOnVersion: number | null; expectedUpdatedAt?: string | null }) =>
    api.put<{ draft: Draft; problems: Problem[] }>(`/api/definitions/${enc(id)}/draft`, { definition, ...options }),
  discardDraft: (id: string) => api.delete<void>(`/api/definitions/${enc(id)}/draft`),
  publish: (definition: DefinitionBody, note: string) => api.post<PublishedVersion>('/api/definitions/publish', { definition, note }),
  diff: (id: string, from: number | 'draft', to: number | 'draft') => api.get<DefinitionDiffResult>(`/api/definitions/${enc(id)}/diff?from=${from}&to=${to}`),
  templates: () => api.get<{ templates: StoredTemplate[] }>('/api/templates'),
  template: (id: string) => api.get<Awaited<ReturnType<typeof templateWithUsage>>>(`/api/templates/${enc(id)}`),
  saveTemplate: (template: Template) => api.put<{ template: StoredTemplate }>(`/api/templates/${enc(template.id)}`, template),
  deleteTemplate: (id: string) => api.delete<void>(`/api/templates/${enc(id)}`),
  startDryRun: (definition: DefinitionBody, behaviour: DryRunBehaviour) => api.post<DryRunStarted>('/api/definitions/dry-run', { definition, behaviour }),
  dryRun: (id: string) => api.get<DryRunView>(`/api/dry-runs/${enc(id)}`),
  stopDryRun: (id: string) => api.post<DryRunView>(`/api/dry-runs/${enc(id)}/stop`),
};
