import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * autocannon in a child process: the load generator then takes neither the server's event loop nor
 * its CPU account, so process.cpuUsage() in the server's process is the server's own cost.
 */
export function loadFromChild(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message: { result?: autocannon.Result; error?: string }) => {
      child.disconnect();
      if (message.error) reject(new Error(message.error));
      else resolve(message.result!);
    });
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the load generator exited with ${code}`)));
    child.send(options);
  });
}

if (process.argv[2] === '--child') {
  process.once('message', (options: autocannon.Options) => {
    autocannon(options, (error, result) => process.send!(error ? { error: String(error) } : { result }));
  });
}
