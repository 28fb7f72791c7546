// The designer area's routes (issue 4): the list of processes, one process on the canvas,
// and the template library.
import { Route, Routes } from 'react-router';
import { DefinitionListPage } from './pages/DefinitionListPage.tsx';
import { DesignerPage } from './pages/DesignerPage.tsx';
import { TemplateLibraryPage } from './templates/TemplateLibraryPage.tsx';
import { PolicyHoldsPage } from '../holds/PolicyHoldsPage.tsx';
import { CampaignsPage } from '../prevention/CampaignsPage.tsx';

export function DesignerArea() {
  return (
    <Routes>
      <Route index element={<DefinitionListPage />} />
      <Route path="definitions/:id" element={<DesignerPage />} />
      <Route path="templates" element={<TemplateLibraryPage />} />
      <Route path="templates/:templateId" element={<TemplateLibraryPage />} />
      <Route path="holds" element={<PolicyHoldsPage />} />
      <Route path="campaigns" element={<CampaignsPage />} />
    </Routes>
  );
}
