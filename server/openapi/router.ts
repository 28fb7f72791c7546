// Serves the OpenAPI document. Public: it describes the API, it holds no data.
import { Router } from 'express';
import { openApiDocument } from './document.ts';

export function openApiRouter(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}
