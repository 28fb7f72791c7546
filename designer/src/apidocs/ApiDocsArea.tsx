// The API reference: /api/openapi.json rendered in the app (no CDN, no outside viewer).
import { Route, Routes } from 'react-router';
import { ApiDocsPage } from './ApiDocsPage.tsx';
import '../staff/staff.css';

export function ApiDocsArea() {
  return (
    <Routes>
      <Route index element={<ApiDocsPage />} />
    </Routes>
  );
}
