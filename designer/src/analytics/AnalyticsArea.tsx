// The "what works" area (issue 14): outcome analytics for those who shape and answer for the
// ladder. One page for now; the area owns its routes as the others do.
import { Route, Routes } from 'react-router';
import '../ops/ops.css';
import './analytics.css';
import { WhatWorksPage } from './WhatWorksPage.tsx';

export function AnalyticsArea() {
  return (
    <div className="ops analytics-area">
      <div className="ops-body">
        <Routes>
          <Route index element={<WhatWorksPage />} />
        </Routes>
      </div>
    </div>
  );
}
