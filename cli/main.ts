import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { localEnv } from '../local/env.ts';
import { REPO_ROOT } from '../local/runtime.ts';
import { loadTouchpointConfig } from '../shared/domain/touchpoints.ts';
import {
  CliConnectionError,
  CliUsageError,
  type ConnectionOptions,
  type Prompt,
  resolveConnection,
  stackOutputs,
} from './connection.ts';
import { ProgressBar, recomputeProgress } from './progress.ts';
import { migrateCustomersInStack, recomputeInStack } from './stack-tables.ts';

/**
 * The admin CLI: `npx touchpoint <command>`. Talks to the admin API of a running Touchpoint: the
 * local runtime by default, or a deployed stack found by flags, env, a CDK outputs file or the
 * stack's CloudFormation outputs (see connection.ts). Exit codes: 0 ok, 1 failed, 2 usage error,
 * 3 cannot connect.
 */
const HELP: Record<string, string> = {
  '': `usage: touchpoint <command> [options]

commands:
  scores              scores per touchpoint (table, or --json)
  responses           export responses (--csv or JSON lines), newest first
  send-test           send yourself a survey now through the configured provider
  erase               erase a customer's personal data everywhere (asks to confirm; --yes)
  export              a customer's data as JSON (data subject access request)
  recompute           rebuild all score aggregates from the raw responses
  migrate-customers   move customer state of an earlier version into the Customers table (stack)
  config check        validate touchpoints.config.json

global options (first match wins: flags, env, outputs file, stack, local runtime):
  --endpoint <url>         Touchpoint API (env TOUCHPOINT_URL)
  --token <token>          admin token, or an access token in jwt mode (env TOUCHPOINT_ADMIN_TOKEN)
  --outputs-file <file>    the JSON of \`cdk deploy --all --outputs-file <file>\` (env TOUCHPOINT_OUTPUTS_FILE)
  --stack <prefix>         read the outputs of <prefix>-Stateless/-Stateful from CloudFormation
                           with your AWS credentials (env TOUCHPOINT_STACK; e.g. Touchpoint)
  --region <region>        AWS region of the stack (env AWS_REGION)
  --username <name>        Cognito admin (env TOUCHPOINT_ADMIN_USERNAME); the password comes from
                           TOUCHPOINT_ADMIN_PASSWORD or a hidden prompt, an authenticator code from
                           TOUCHPOINT_ADMIN_MFA_CODE or a prompt
  -h, --help               help for any command

Without --token, a stack in token mode lends its admin token from its secret (SecretArn output);
in cognito mode you sign in as an admin of its user pool.

exit codes: 0 ok, 1 failed (incl. refused sign-in), 2 usage error, 3 cannot connect (API, AWS or stack)`,
  scores: `usage: touchpoint scores [--touchpoint <name>] [--channel sms|email|voice] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]`,
  responses: `usage: touchpoint responses [--touchpoint <name>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--with-comment] [--csv] [--limit N] [--page-size N]
  Streams every matching response to stdout (CSV with --csv, else one JSON object per line), one
  API page (--page-size, default 500) at a time; a progress bar shows on stderr when it is a
  terminal. Example: touchpoint responses --csv > responses.csv`,
  'send-test': `usage: touchpoint send-test --to <+1201555... | email> --touchpoint <name> [--channel sms|email|voice] [--locale de-DE]`,
  erase: `usage: touchpoint erase --customer <id | +phone | email> [--yes]
  Removes the customer's personal data everywhere and subtracts their responses from the scores.`,
  export: `usage: touchpoint export --customer <id | +phone | email>`,
  recompute: `usage: touchpoint recompute
  Rebuilds every aggregate from the raw responses and surveys. Locally through the running runtime;
  for a deployed stack (--stack or --outputs-file) directly against its tables with your AWS
  credentials (dynamodb:Scan on Responses and Surveys, Scan/PutItem/DeleteItem on Aggregates).
  Run it while no replies are arriving.`,
  'migrate-customers': `usage: touchpoint migrate-customers (--stack <prefix> | --outputs-file <file>)
  Moves the fatigue profiles, open tickets and consent that versions before the Customers table
  kept in the Surveys table into the Customers table, then deletes the old copies. Newer state is
  never overwritten, and an old opt-out is never lost; safe to run again and while the stack is
  live. Needs your AWS credentials (dynamodb:Scan/DeleteItem on Surveys, PutItem/UpdateItem on
  Customers). The local runtime does this itself when it starts.`,
  config: `usage: touchpoint config check [--file touchpoints.config.json]`,
};

class UsageError extends Error {}
class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Ctx {
  endpoint: string;
  token: string;
  out: NodeJS.WritableStream;
}

async function api(
  ctx: Ctx,
  method: string,
  path: string,
  body?: unknown,
  accept = 'application/json',
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${ctx.endpoint}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ctx.token}`,
        accept,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(
      `cannot reach Touchpoint at ${ctx.endpoint} (${(error as Error).message}); is it running (npm start) or is --endpoint right?`,
      0,
    );
  }
  if (!res.ok) {
    const text = await res.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {}
    throw new ApiError(`${method} ${path} failed with ${res.status}: ${message}`, res.status);
  }
  return res;
}

function fmtScore(metric: string, score: number | null): string {
  if (score === null) return '-';
  if (metric === 'nps') return `${score > 0 ? '+' : ''}${Math.round(score)}`;
  if (metric === 'csat') return `${score.toFixed(1)}%`;
  return score.toFixed(2);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function scores(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      touchpoint: { type: 'string' },
      channel: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const q = new URLSearchParams(
    Object.entries(values).filter(([k, v]) => k !== 'json' && typeof v === 'string') as [string, string][],
  );
  const res = await api(ctx, 'GET', `/api/scores${q.size ? `?${q}` : ''}`);
  const data = (await res.json()) as {
    scores: Array<{
      touchpoint: string;
      metric: string;
      score: number | null;
      ci95: { low: number; high: number } | null;
      responses: number;
      responseRate?: number | null;
      lowSample: boolean;
    }>;
  };
  if (values.json) {
    ctx.out.write(`${JSON.stringify(data, null, 2)}\n`);
    return 0;
  }
  const rows = [['TOUCHPOINT', 'METRIC', 'SCORE', '95% CI', 'RESPONSES', 'RESPONSE RATE', '']];
  for (const s of data.scores) {
    rows.push([
      s.touchpoint,
      s.metric.toUpperCase(),
      fmtScore(s.metric, s.score),
      s.ci95 ? `${fmtScore(s.metric, s.ci95.low)} .. ${fmtScore(s.metric, s.ci95.high)}` : '-',
      String(s.responses),
      s.responseRate == null ? '-' : `${Math.round(s.responseRate * 100)}%`,
      s.lowSample ? 'low sample' : '',
    ]);
  }
  ctx.out.write(`${table(rows)}\n`);
  return 0;
}

async function responses(ctx: Ctx, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      touchpoint: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'with-comment': { type: 'boolean' },
      csv: { type: 'boolean' },
      limit: { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  const max = values.limit ? Number(values.limit) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(max) || max < 1) throw new UsageError('--limit must be a positive number');
  const pageSize = Number(values['page-size'] ?? 500);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new UsageError('--page-size must be a whole number from 1 to 1000');
  const bar = new ProgressBar('exporting');
  let cursor: string | undefined;
  let written = 0;
  let first = true;
  do {
    const q = new URLSearchParams({ limit: String(Math.min(pageSize, max - written)) });
    for (const key of ['touchpoint', 'from', 'to'] as const)
      if (values[key]) q.set(key, values[key] as string);
    if (values['with-comment']) q.set('withComment', 'true');
    if (cursor) q.set('cursor', cursor);
    if (values.csv) {
      const res = await api(ctx, 'GET', `/api/responses?${q}`, undefined, 'text/csv');
      const text = await res.text();
      const lines = text.split('\r\n').filter(Boolean);
      ctx.out.write(`${(first ? lines : lines.slice(1)).join('\r\n')}\r\n`);
      written += lines.length - 1;
      cursor = res.headers.get('x-next-cursor') ?? undefined;
    } else {
      const res = await api(ctx, 'GET', `/api/responses?${q}`);
      const page = (await res.json()) as { items: unknown[]; cursor?: string };
      for (const item of page.items) ctx.out.write(`${JSON.stringify(item)}\n`);
      written += page.items.length;
      cursor = page.cursor;
    }
    first = false;
    bar.update(written);
  } while (cursor && written < max);
  bar.done(`${written} responses exported`);
  return 0;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(question);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

const GLOBAL_OPTIONS = {
  '--endpoint': 'endpoint',
  '--token': 'token',
  '--stack': 'stack',
  '--outputs-file': 'outputsFile',
  '--region': 'region',
  '--username': 'username',
} as const satisfies Record<string, keyof ConnectionOptions>;

/** Splits global options (connection, --help) from the command and its own arguments. */
function splitArgs(argv: string[]): {
  command: string;
  args: string[];
  help: boolean;
  connection: ConnectionOptions;
} {
  const out = { command: '', args: [] as string[], help: false, connection: {} as ConnectionOptions };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s) as [string, string | undefined])
      : [arg, undefined];
    if (name in GLOBAL_OPTIONS) {
      const value = inline ?? argv[++i];
      if (!value) throw new UsageError(`${name} needs a value`);
      out.connection[GLOBAL_OPTIONS[name as keyof typeof GLOBAL_OPTIONS]] = value;
    } else if (arg === '-h' || arg === '--help') out.help = true;
    else if (!out.command && !arg.startsWith('-')) out.command = arg;
    else out.args.push(arg);
  }
  return out;
}

function configCheck(args: string[]): number {
  const { values, positionals: sub } = parseArgs({
    args,
    options: { file: { type: 'string' } },
    allowPositionals: true,
  });
  if (sub[0] !== 'check') throw new UsageError(HELP.config ?? '');
  const file = values.file ?? `${REPO_ROOT}/touchpoints.config.json`;
  const config = loadTouchpointConfig(JSON.parse(readFileSync(file, 'utf8')));
  process.stdout.write(
    `${file}: valid (${Object.keys(config.touchpoints).length} touchpoints: ${Object.keys(config.touchpoints).join(', ')})\n`,
  );
  return 0;
}

/** Asks on the terminal (stderr); `hidden` input is not echoed. Undefined without a terminal. */
const ask: Prompt = async (question, hidden) => {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // Echo nothing of what is typed after the question.
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = output._writeToOutput.bind(rl);
    output._writeToOutput = (s: string) => {
      if (s.includes(question)) write(s);
    };
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stderr.write('\n');
  return answer;
};

async function main(argv: string[]): Promise<number> {
  const env = { ...localEnv(REPO_ROOT) };
  const { command, args: cleaned, help, connection } = splitArgs(argv);
  if (help || command === '' || command === 'help') {
    const topic = command === 'help' ? (cleaned[0] ?? '') : command;
    process.stdout.write(`${HELP[topic] ?? HELP['']}\n`);
    return command === '' && !help ? 2 : 0;
  }
  if (command === 'config') return configCheck(cleaned);
  if (command === 'recompute') {
    // A deployed stack is recomputed from here with AWS credentials: no sign-in to the API needed.
    const stack = await stackOutputs(connection, process.env);
    if (stack) {
      const progress = recomputeProgress();
      const result = await recomputeInStack(stack.outputs, stack.region, progress.update);
      progress.done();
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
  }
  if (command === 'migrate-customers') {
    const stack = await stackOutputs(connection, process.env);
    if (!stack)
      throw new UsageError(
        'migrate-customers works on a deployed stack: give --stack <prefix> or --outputs-file <file> (the local runtime moves its data when it starts)',
      );
    const result = await migrateCustomersInStack(stack.outputs, stack.region);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const resolved = await resolveConnection(
    connection,
    process.env,
    { endpoint: `http://127.0.0.1:${env.PORT ?? 3000}`, token: String(env.TOUCHPOINT_ADMIN_TOKEN ?? '') },
    ask,
  );
  const ctx: Ctx = { endpoint: resolved.endpoint, token: resolved.token, out: process.stdout };
  switch (command) {
    case 'scores':
      return scores(ctx, cleaned);
    case 'responses':
      return responses(ctx, cleaned);
    case 'send-test': {
      const { values } = parseArgs({
        args: cleaned,
        options: {
          to: { type: 'string' },
          touchpoint: { type: 'string' },
          channel: { type: 'string' },
          locale: { type: 'string' },
        },
      });
      if (!values.to || !values.touchpoint) throw new UsageError(HELP['send-test'] ?? '');
      const res = await api(ctx, 'POST', '/api/send-test', values);
      ctx.out.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
      return 0;
    }
    case 'export': {
      const { values } = parseArgs({ args: cleaned, options: { customer: { type: 'string' } } });
      if (!values.customer) throw new UsageError(HELP.export ?? '');
      const res = await api(
        ctx,
        'GET',
        `/api/customers/export?customer=${encodeURIComponent(values.customer)}`,
      );
      ctx.out.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
      return 0;
    }
    case 'erase': {
      const { values } = parseArgs({
        args: cleaned,
        options: { customer: { type: 'string' }, yes: { type: 'boolean' } },
      });
      if (!values.customer) throw new UsageError(HELP.erase ?? '');
      if (
        !values.yes &&
        !(await confirm(`Erase all personal data of ${values.customer}? This cannot be undone. [y/N] `))
      ) {
        process.stderr.write('not erased (confirm at the prompt, or pass --yes)\n');
        return 1;
      }
      const res = await api(ctx, 'POST', '/api/customers/erase', { customer: values.customer });
      ctx.out.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
      return 0;
    }
    case 'recompute': {
      const res = await api(ctx, 'POST', '/dev/recompute', {}).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) {
          throw new ApiError(
            'this endpoint is a deployed stack: recompute with --stack <prefix> or --outputs-file <file> (and AWS credentials) instead of --endpoint',
            404,
          );
        }
        throw error;
      });
      ctx.out.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"\n\n${HELP['']}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof CliConnectionError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 3;
    } else if (error instanceof ApiError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.status === 0 ? 3 : 1;
    } else {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 1;
    }
  },
);
