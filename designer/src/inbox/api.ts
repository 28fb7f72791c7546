// The inbox's calls to the API, typed from the server's own schemas and service.
import type { TaskCounts, TaskListItem } from '../../../server/tasks/schemas.ts';
import type { TaskDetail } from '../../../server/tasks/service.ts';
import { api, query } from '../api/client.ts';

export type { TaskCounts, TaskDetail, TaskListItem };
export type InboxView = 'mine' | 'team' | 'overdue';
export type InboxSort = 'due' | 'amount' | 'opened';

const taskPath = (id: string, action = '') => `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const inboxApi = {
  list: (p: { view: InboxView; sort: InboxSort; order?: 'asc' | 'desc'; role?: string }) =>
    api.get<{ total: number; tasks: TaskListItem[]; counts: TaskCounts }>(`/api/tasks${query({ ...p, limit: 200 })}`),
  counts: () => api.get<TaskCounts>('/api/tasks/counts'),
  task: (id: string) => api.get<TaskDetail>(taskPath(id)),
  claim: (id: string) => api.post(taskPath(id, 'claim')),
  unclaim: (id: string) => api.post(taskPath(id, 'unclaim')),
  reassign: (id: string, assignee: string | null) => api.post(taskPath(id, 'reassign'), { assignee }),
  complete: (id: string, outcome: string, fields: Record<string, unknown>) => api.post<{ taskId: string; outcome: string; balanceCents: number }>(taskPath(id, 'complete'), { outcome, fields }),
};

export const taskLink = (id: string) => `/inbox/tasks/${encodeURIComponent(id)}`;
