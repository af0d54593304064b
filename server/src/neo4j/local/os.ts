/** Small process helpers shared by the JDK search, the Maven run and the Neo4j process. */
import { execFile } from 'node:child_process';

export type LogFn = (line: string) => void;

export const defaultLog: LogFn = (line) => {
  process.stderr.write(`[neo4j] ${line}\n`);
};

export function run(
  file: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(Object.assign(error, { stdout, stderr }));
      } else {
        resolvePromise({ stdout, stderr });
      }
    });
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolvePromise) => setTimeout(resolvePromise, ms));
