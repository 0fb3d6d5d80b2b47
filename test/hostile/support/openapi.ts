import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import type { TestServer } from '../../support/test-server.js';

/** One operation of the server's own OpenAPI document. */
export interface Operation {
  /** `METHOD /path`, as recipes and the access rules are keyed. */
  key: string;
  method: string;
  path: string;
  /** The document marks it as needing a bearer token. */
  secured: boolean;
  params: string[];
  /** Media types of its request body, if it takes one. */
  consumes: string[];
}

/** Every operation the running server documents at /api/docs-json: a route added later is covered without editing the tests. */
export async function operations(server: TestServer): Promise<Operation[]> {
  const answer = await server.get<OpenAPIObject>('/api/docs-json');
  if (answer.status !== 200) throw new Error(`no OpenAPI document: ${answer.status}`);
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(answer.body.paths)) {
    for (const method of Object.keys(item)) {
      if (!isOperationKey(method)) continue;
      const op: Partial<OperationObject> = item[method] ?? {};
      found.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        secured: Array.isArray(op.security) && op.security.length > 0,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        consumes: Object.keys((op.requestBody && 'content' in op.requestBody && op.requestBody.content) || {}),
      });
    }
  }
  return found;
}

const OPERATION_KEYS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const isOperationKey = (key: string): key is (typeof OPERATION_KEYS)[number] =>
  (OPERATION_KEYS as readonly string[]).includes(key);

export const isWrite = (op: Operation) => op.method !== 'GET';
