// API latency: one histogram over every /api request, labelled by the route pattern (never
// the path itself: ids would make a series per case, and a query can hold a tenant's name).
import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';

export function httpMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'arrears_http_request_duration_seconds',
    help: 'API request duration, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next();
    const end = duration.startTimer();
    res.on('finish', () => {
      // The matched pattern is known only after routing: /api + /cases/:id; unmatched paths share one label.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
