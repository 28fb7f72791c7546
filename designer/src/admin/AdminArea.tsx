// The admin area: user management (issue 3). The CLI (npm run users) does the same from a shell.
import { Route, Routes } from 'react-router';
import { UsersPage } from './UsersPage.tsx';
import '../staff/staff.css';

export function AdminArea() {
  return (
    <Routes>
      <Route index element={<UsersPage />} />
    </Routes>
  );
}
