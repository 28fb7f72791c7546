// Routes: sign-in, and one area per part of the product. Each area owns its sub-routes in
// its own file (designer/DesignerArea.tsx, inbox/InboxArea.tsx, ...), so the engineers who
// build them never edit this file for a new page.
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AdminArea } from '../admin/AdminArea.tsx';
import { AnalyticsArea } from '../analytics/AnalyticsArea.tsx';
import { ApiDocsArea } from '../apidocs/ApiDocsArea.tsx';
import { CasesArea } from '../cases/CasesArea.tsx';
import { DesignerArea } from '../designer/DesignerArea.tsx';
import { InboxArea } from '../inbox/InboxArea.tsx';
import { OpsArea } from '../ops/OpsArea.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { AccountPage } from '../session/AccountPage.tsx';
import { SessionProvider } from '../session/session.tsx';
import { HomeRedirect, NotFound, RequireArea, RequireSignIn } from './guards.tsx';
import { Shell } from './Shell.tsx';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route element={<RequireSignIn />}>
            <Route element={<Shell />}>
              <Route index element={<HomeRedirect />} />
              <Route element={<RequireArea area="designer" />}>
                <Route path="designer/*" element={<DesignerArea />} />
              </Route>
              <Route element={<RequireArea area="inbox" />}>
                <Route path="inbox/*" element={<InboxArea />} />
              </Route>
              <Route element={<RequireArea area="cases" />}>
                <Route path="cases/*" element={<CasesArea />} />
              </Route>
              <Route element={<RequireArea area="ops" />}>
                <Route path="ops/*" element={<OpsArea />} />
              </Route>
              <Route element={<RequireArea area="analytics" />}>
                <Route path="analytics/*" element={<AnalyticsArea />} />
              </Route>
              <Route element={<RequireArea area="admin" />}>
                <Route path="admin/*" element={<AdminArea />} />
              </Route>
              <Route element={<RequireArea area="api" />}>
                <Route path="api-docs/*" element={<ApiDocsArea />} />
              </Route>
              <Route path="account" element={<AccountPage />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
