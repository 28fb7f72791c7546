// Stand-ins for the outside world on 127.0.0.1: a WhatsApp/SMS provider speaking the HTTP API
// the adapters expect, and an SMTP server. Both record what reached them.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ProviderRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: { to?: string; text?: string; reference?: string } };
export type ProviderAnswer = { status: number; body?: unknown };

/**
 * A provider that answers from a script per recipient (one answer per request, then 200s),
 * and, like a real provider, accepts each Idempotency-Key once: a repeated key gets the
 * first message's id back and is not delivered again.
 */
export class LoopbackProvider {
  readonly requests: ProviderRequest[] = [];
  /** Messages the provider accepted and would hand to the phone: one per idempotency key. */
  readonly delivered = new Map<string, ProviderRequest & { id: string }>();
  private readonly scripts = new Map<string, ProviderAnswer[]>();
  private server?: Server;
  private counter = 0;
  url = '';

  /** The next answers for messages to `recipient`, in order. */
  script(recipient: string, ...answers: ProviderAnswer[]) {
    this.scripts.set(recipient, answers);
  }

  to(recipient: string) {
    return this.requests.filter((r) => r.body.to === recipient);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: ProviderRequest['body'] = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ProviderRequest['body'];
        } catch {
          // recorded as an empty body; the test will notice
        }
        const request: ProviderRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        this.requests.push(request);
        const answer = this.scripts.get(body.to ?? '')?.shift() ?? { status: 200 };
        const key = String(req.headers['idempotency-key'] ?? '');
        if (answer.status >= 200 && answer.status < 300) {
          const earlier = this.delivered.get(key);
          const id = earlier?.id ?? `wamid.${++this.counter}`;
          if (!earlier) this.delivered.set(key, { ...request, id });
          answer.body ??= { id };
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body ?? { error: 'scripted failure' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/messages`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export type ReceivedMail = { from: string; to: string[]; raw: string; subject: string; text: string };

/** An SMTP server without TLS or authentication that keeps every mail it receives. */
export class LoopbackSmtp {
  readonly mails: ReceivedMail[] = [];
  /** Recipients this server refuses for good (550), like a mailbox that does not exist. */
  readonly refused = new Set<string>();
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refused.has(address.address)) return callback();
        callback(Object.assign(new Error(`mailbox ${address.address} does not exist`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw, ...readMail(raw) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The subject and the plain-text body of a single-part mail, decoded as nodemailer encodes them. */
function readMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([QB])\?(.*?)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { subject, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
