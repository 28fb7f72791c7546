// The ops pages' calls to the API, typed with what the server answers (the server's own
// return types, imported as types only: nothing of the server is bundled).
import type { webAppConfig } from '../../../server/app.ts';
import type { CaseRow } from '../../../server/cases/repository.ts';
import type { ListCases } from '../../../server/cases/schemas.ts';
import type { CaseDetail, listCases } from '../../../server/cases/service.ts';
import type { listVersions, PublishedVersion } from '../../../server/definitions/repository.ts';
import type { DefinitionList } from '../../../server/definitions/service.ts';
import type { Dashboard } from '../../../server/ops/dashboard.ts';
import type { heatOf } from '../../../server/ops/heat.ts';
import type { previewMigration } from '../../../server/ops/migration.ts';
import type { versionsInUse } from '../../../server/ops/repository.ts';
import type { PerCaseRun } from '../../../server/ops/run-per-case.ts';
import type { BulkAction, MigrationPreviewInput, MigrationRunInput } from '../../../server/ops/schemas.ts';
import type { trouble } from '../../../server/ops/trouble.ts';
import type { Migrated } from '../../../workflows/messages.ts';
import { api, query } from '../api/client.ts';

export type { CaseDetail, CaseRow, Dashboard };
export type Heat = Awaited<ReturnType<typeof heatOf>>;
export type VersionInUse = Awaited<ReturnType<typeof versionsInUse>>[number];
export type Trouble = Awaited<ReturnType<typeof trouble>>;
export type MigrationPreview = Awaited<ReturnType<typeof previewMigration>>;
export type BulkResult = PerCaseRun<{ paused: boolean; balanceCents: number }>;
export type MigrationResult = PerCaseRun<Migrated>;
type CaseList = Awaited<ReturnType<typeof listCases>>;

/** The case search's filters, as the URL and GET /api/cases take them: the case list's query parameters, as text. */
export type CaseFilter = { [K in Exclude<keyof ListCases, 'limit' | 'offset'>]?: string };

export const opsApi = {
  versions: () => api.get<{ versions: VersionInUse[] }>('/api/ops/versions'),
  heat: (definitionId: string, version: number) => api.get<Heat>(`/api/ops/heat${query({ definitionId, version })}`),
  dashboard: (weeks = 12) => api.get<Dashboard>(`/api/ops/dashboard${query({ weeks })}`),
  trouble: () => api.get<Trouble>('/api/ops/trouble'),
  retryActivity: (caseId: string, activityId: string) => api.post(`/api/ops/cases/${caseId}/activities/${encodeURIComponent(activityId)}/retry`, {}),
  cases: (filter: CaseFilter, page: { limit: number; offset: number }) => api.get<CaseList>(`/api/cases${query({ ...filter, ...page })}`),
  caseDetail: (id: string) => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`),
  csvUrl: (filter: CaseFilter, lang: string) => `/api/ops/cases.csv${query({ ...filter, lang })}`,
  bulk: (input: BulkAction) => api.post<BulkResult>('/api/ops/cases/bulk', input),
  config: () => api.get<ReturnType<typeof webAppConfig>>('/api/config'),
  migrationPreview: (input: MigrationPreviewInput) => api.post<MigrationPreview>('/api/ops/migrations/preview', input),
  migrate: (input: MigrationRunInput) => api.post<MigrationResult>('/api/ops/migrations', input),
  definitionVersions: (id: string) => api.get<{ versions: Awaited<ReturnType<typeof listVersions>> }>(`/api/definitions/${encodeURIComponent(id)}/versions`),
  definitionVersion: (id: string, version?: number) =>
    api.get<PublishedVersion>(version ? `/api/definitions/${encodeURIComponent(id)}/versions/${version}` : `/api/definitions/${encodeURIComponent(id)}`),
  definitions: () => api.get<Pick<DefinitionList, 'definitions'>>('/api/definitions'),
};
