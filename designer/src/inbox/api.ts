// The inbox's calls to the API, typed from the server's own schemas and service.
import type { completeTask } from '../../../server/cases/service.ts';
import type { InboxView, TaskCounts, TaskListItem, TaskListQuery } from '../../../server/tasks/schemas.ts';
import type { inbox, TaskDetail } from '../../../server/tasks/service.ts';
import { api, query } from '../api/client.ts';

export type { InboxView, TaskCounts, TaskDetail, TaskListItem };
export type InboxSort = TaskListQuery['sort'];
export type Inbox = Awaited<ReturnType<typeof inbox>>;
export type TaskCompleted = Awaited<ReturnType<typeof completeTask>>;

const taskPath = (id: string, action = '') => `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const inboxApi = {
  list: (p: { view: InboxView; sort: InboxSort; order?: TaskListQuery['order']; role?: string }) => api.get<Inbox>(`/api/tasks${query({ ...p, limit: 200 })}`),
  counts: () => api.get<TaskCounts>('/api/tasks/counts'),
  task: (id: string) => api.get<TaskDetail>(taskPath(id)),
  claim: (id: string) => api.post(taskPath(id, 'claim')),
  unclaim: (id: string) => api.post(taskPath(id, 'unclaim')),
  reassign: (id: string, assignee: string | null) => api.post(taskPath(id, 'reassign'), { assignee }),
  complete: (id: string, outcome: string, fields: Record<string, unknown>) => api.post<TaskCompleted>(taskPath(id, 'complete'), { outcome, fields }),
};

export const taskLink = (id: string) => `/inbox/tasks/${encodeURIComponent(id)}`;
