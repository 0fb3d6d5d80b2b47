import { createServer } from 'node:net';

/** A port nothing listens on: the system hands it out, then it is closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('the system gave no port');
  return address.port;
}
