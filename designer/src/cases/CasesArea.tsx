// The cases area's routes: the list, the print batches of letters, finance's bank statements, the municipality signals, and one case.
import { Route, Routes } from 'react-router';
import { CaseListPage } from './CaseListPage.tsx';
import { CasePage } from './CasePage.tsx';
import { LettersPage } from './LettersPage.tsx';
import { SignalsPage } from './SignalsPage.tsx';
import { StatementsPage } from './StatementsPage.tsx';
import { IntakePage } from './IntakePage.tsx';
import '../staff/staff.css';

export function CasesArea() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path="letters" element={<LettersPage />} />
      <Route path="statements" element={<StatementsPage />} />
      <Route path="intake" element={<IntakePage />} />
      <Route path="signals" element={<SignalsPage />} />
      <Route path=":id" element={<CasePage />} />
    </Routes>
  );
}
