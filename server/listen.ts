// The HTTP server around the app. Node answers a request it cannot parse (a URL or headers past
// its 16 KB limit, broken HTTP) itself, before Express, with a bare status; here it gets the
// API's error envelope saying what is wrong, like every other refusal.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import type { ErrorCode } from './errors.ts';

function refuse(socket: Duplex, status: number, reason: string, message: string): void {
  const code: ErrorCode = 'invalid';
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function listen(app: Express, port: number, host: string, onListening?: () => void): Server {
  const server = app.listen(port, host, onListening);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return void socket.destroy();
    if (err.code === 'HPE_HEADER_OVERFLOW') refuse(socket, 431, 'Request Header Fields Too Large', 'the URL and headers of the request are longer than 16 KB: shorten the URL (fewer or shorter query parameters)');
    else refuse(socket, 400, 'Bad Request', 'the request is not valid HTTP');
  });
  return server;
}
