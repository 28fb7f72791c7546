// The inbox area's routes: the task lists and one task with its form.
import { Route, Routes } from 'react-router';
import { InboxPage } from './InboxPage.tsx';
import { TaskPage } from './TaskPage.tsx';
import '../staff/staff.css';

export function InboxArea() {
  return (
    <Routes>
      <Route index element={<InboxPage />} />
      <Route path="tasks/:taskId" element={<TaskPage />} />
    </Routes>
  );
}
