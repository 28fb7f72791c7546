// The cases area's routes: the list, the print batches of letters, and one case.
import { Route, Routes } from 'react-router';
import { CaseListPage } from './CaseListPage.tsx';
import { CasePage } from './CasePage.tsx';
import { LettersPage } from './LettersPage.tsx';
import '../staff/staff.css';

export function CasesArea() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path="letters" element={<LettersPage />} />
      <Route path=":id" element={<CasePage />} />
    </Routes>
  );
}
