/**
 * `npm run user -- <command>`: Parley's accounts (PARLEY_ACCOUNTS=on), kept in the database the server uses (as
 * `npm run load` finds it: NEO4J_URI, else the running Parley's, else the local Neo4j started for the command).
 *
 *   add <name> --role viewer|editor|admin   create an account; the password is read from stdin (or asked for,
 *                                            twice, without echo, on a terminal): never on the command line,
 *                                            where the shell history and `ps` would keep it
 *   password <name>                          set a new password (read the same way)
 *   role <name> viewer|editor|admin          change the role (takes effect within a minute)
 *   remove <name>                            remove the account (its sessions end within a minute)
 *   list                                     names, roles and creation dates
 *   console <roles>                          the roles that may use the Cypher console, comma-separated
 *                                            (`editor,admin` by default; `none` for nobody)
 *
 * Exit code 0 when done, 1 when refused (a taken name, no such user, a weak password), 2 for a usage error.
 */
import { ROLES, roleSchema, userNameSchema, type Role } from '../../../contract';
import { accountsSecret, hashPassword, passwordProblem } from '../accounts/password';
import { ConfigError, loadConfig } from '../config';
import { connectTo } from '../import/cli';

const USAGE = `usage: npm run user -- add <name> --role viewer|editor|admin
       npm run user -- password <name>
       npm run user -- role <name> viewer|editor|admin
       npm run user -- remove <name>
       npm run user -- list
       npm run user -- console <roles, comma-separated, or none>
The password is read from stdin (e.g. a pipe from a password manager) or asked for on a terminal.`;

export type UserCommand =
  | { cmd: 'add'; name: string; role: Role }
  | { cmd: 'password'; name: string }
  | { cmd: 'role'; name: string; role: Role }
  | { cmd: 'remove'; name: string }
  | { cmd: 'list' }
  | { cmd: 'console'; roles: Role[] };

/** The command, or a sentence saying what is wrong ('' for --help). */
export function parseUserArgs(argv: readonly string[]): UserCommand | string {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h') || args.length === 0) return '';
  if (args.some((a) => a.startsWith('--password'))) {
    return 'the password is never given on the command line: pipe it to stdin or type it when asked';
  }
  const [cmd, ...rest] = args;
  const name = (n: string | undefined) => {
    const ok = userNameSchema.safeParse(n ?? '');
    return ok.success ? ok.data : null;
  };
  const role = (r: string | undefined) => {
    const ok = roleSchema.safeParse(r ?? '');
    return ok.success ? ok.data : null;
  };
  const badName = 'the name must be 1–64 letters, digits, dots, dashes or underscores';
  const badRole = `the role must be one of ${ROLES.join(', ')}`;
  switch (cmd) {
    case 'add': {
      const i = rest.indexOf('--role');
      const r = role(i >= 0 ? rest[i + 1] : undefined);
      const others = i < 0 ? rest : rest.filter((_, k) => k !== i && k !== i + 1);
      const n = name(others[0]);
      if (!n || others.length !== 1) return badName;
      if (!r) return `${badRole} (--role)`;
      return { cmd: 'add', name: n, role: r };
    }
    case 'password':
    case 'remove': {
      const n = name(rest[0]);
      if (!n || rest.length !== 1) return badName;
      return { cmd, name: n };
    }
    case 'role': {
      const n = name(rest[0]);
      const r = role(rest[1]);
      if (!n) return badName;
      if (!r || rest.length !== 2) return badRole;
      return { cmd: 'role', name: n, role: r };
    }
    case 'list':
      return rest.length ? 'list takes nothing more' : { cmd: 'list' };
    case 'console': {
      if (rest.length !== 1) return 'give the roles comma-separated (e.g. viewer,editor,admin), or none';
      if (rest[0] === 'none') return { cmd: 'console', roles: [] };
      const roles = rest[0]!.split(',').map((r) => role(r.trim()));
      if (roles.some((r) => r === null)) return badRole;
      return { cmd: 'console', roles: roles as Role[] };
    }
    default:
      return `unknown command ${JSON.stringify(cmd)}`;
  }
}

/** One line typed on the terminal without echo. */
function ask(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return done(null);
        if (c === '\u0003') return done(new Error('cancelled'));
        if (c === '\u007f' || c === '\b') typed = typed.slice(0, -1);
        else typed += c;
      }
    };
    stdin.on('data', onData);
  });
}

/** The password: asked twice on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const a = await ask('password: ');
    const b = await ask('again: ');
    if (a !== b) throw new UserError('the two passwords differ');
    return a;
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

class UserError extends Error {}

async function newPassword(secretFile: string): Promise<string> {
  const pw = await readPassword();
  const problem = passwordProblem(pw);
  if (problem) throw new UserError(problem);
  return hashPassword(pw, accountsSecret(secretFile));
}

export async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseUserArgs(argv);
  if (typeof cmd === 'string') {
    if (cmd) process.stderr.write(`${cmd}\n`);
    process.stderr.write(`${USAGE}\n`);
    return cmd ? 2 : 0;
  }
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`parley: ${msg}\n`);
  // ask before connecting, so a typo in the password costs no database start
  const hash =
    cmd.cmd === 'add' || cmd.cmd === 'password' ? await newPassword(config.PARLEY_ACCOUNTS_SECRET_FILE) : null;
  const { repos, stop } = await connectTo({ ...config, PARLEY_LOAD_SEED: false }, log);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  try {
    const users = repos.users;
    switch (cmd.cmd) {
      case 'add':
        if (!(await users.create(cmd.name, cmd.role, hash!))) throw new UserError(`${cmd.name} exists already`);
        out(`created ${cmd.name} (${cmd.role})`);
        if (!config.PARLEY_ACCOUNTS) out('accounts are off: start Parley with PARLEY_ACCOUNTS=on to use them');
        break;
      case 'password':
        if (!(await users.update(cmd.name, { hash: hash! }))) throw new UserError(`no user ${cmd.name}`);
        out(`new password for ${cmd.name}`);
        break;
      case 'role':
        if (!(await users.update(cmd.name, { role: cmd.role }))) throw new UserError(`no user ${cmd.name}`);
        out(`${cmd.name} is now ${cmd.role}`);
        break;
      case 'remove':
        if (!(await users.remove(cmd.name))) throw new UserError(`no user ${cmd.name}`);
        out(`removed ${cmd.name}`);
        break;
      case 'list':
        for (const u of await users.list()) out(`${u.name}\t${u.role}\t${u.created}`);
        break;
      case 'console': {
        const saved = await users.setAccess({ consoleRoles: cmd.roles });
        out(`the console is open to: ${saved.consoleRoles.join(', ') || 'nobody'}`);
        break;
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`parley: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await stop();
  }
}

if (process.argv[1] && /cli[\\/]user\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const msg =
        err instanceof ConfigError || err instanceof UserError || err instanceof Error ? err.message : String(err);
      process.stderr.write(`parley: ${msg}\n`);
      process.exit(1);
    },
  );
}
