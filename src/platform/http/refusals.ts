import { SetMetadata, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants.js';
import type { ErrorCode } from '../../error-codes.js';
import { PUBLIC_ROUTE } from '../auth/public.decorator.js';
import type { ErrorCodeList } from './error-codes.js';

export const REFUSALS = 'gongzhi:refusals';

/**
 * The refusals this route's own work can answer (its command, its decider, its lookups), beside the route so
 * that a new refusal is declared where it is added. Typed by the catalogue: a code it does not list fails tsc.
 * What every route of its kind answers (a token, a body, ?after=) is added by `implicitRefusals`, not repeated here.
 */
export const Refusals = (...codes: ErrorCode[]) => SetMetadata(REFUSALS, codes);

/** What decides the refusals a route answers whatever it does. */
export interface RouteNature {
  /** Marked @Public(): callable without a token. */
  public: boolean;
  method: string;
  /** Its path names a community (`{cid}`): ?after= may find that community's read models stalled. */
  community: boolean;
}

/**
 * Every route, before it is reached: the hostile-input middleware and the body parsers, which read a body whatever
 * the method (a charset or encoding they cannot read is a bare 415, a body cut short or an address whose escapes
 * do not decode a bare 400); the auth guard (a token, if sent, is checked even on a public route); and a server
 * or database failure.
 */
const EVERY_ROUTE: ErrorCode[] = [
  'ADMIN_NOT_BY_OIDC',
  'BAD_REQUEST',
  'INTERNAL_ERROR',
  'INVALID_CHARACTER',
  'INVALID_TOKEN',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'SERVICE_UNAVAILABLE',
  'TOKEN_EXPIRED',
  'TOO_DEEPLY_NESTED',
  'TOO_MANY_KEYS',
  'UNKNOWN_ACCOUNT',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION_FAILED',
];
/** A route that is not @Public() refuses a request without a token. */
const AUTHENTICATED: ErrorCode[] = ['UNAUTHENTICATED'];
/** A write by a signed-in caller honours Idempotency-Key (idempotency.interceptor.ts). */
const IDEMPOTENT_WRITE: ErrorCode[] = [
  'IDEMPOTENCY_CONFLICT',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'IDEMPOTENCY_KEY_REUSED',
  'INVALID_IDEMPOTENCY_KEY',
];
/** A GET waits for ?after= (read-after.ts); under a community, its read models may have stalled. */
const READ: ErrorCode[] = ['PROJECTIONS_BEHIND'];
const COMMUNITY_READ: ErrorCode[] = ['PROJECTION_STALLED'];

/** The refusals a route answers by what it is, whatever its own work. */
export function implicitRefusals(route: RouteNature): ErrorCode[] {
  const read = route.method === 'GET';
  return [
    ...EVERY_ROUTE,
    ...(route.public ? [] : AUTHENTICATED),
    ...(!read && !route.public ? IDEMPOTENT_WRITE : []),
    ...(read ? READ : []),
    ...(read && route.community ? COMMUNITY_READ : []),
  ];
}

interface DocumentedOperation {
  operationId?: string;
  responses?: Record<string, unknown>;
  'x-error-codes'?: string[];
  [key: string]: unknown;
}
interface DocumentedPaths {
  paths: object;
}

/** A controller's routes by OpenAPI operation id (`Controller_method`, @nestjs/swagger's default). */
function declaredByOperation(controllers: readonly Type[]): Map<string, { codes: ErrorCode[]; public: boolean }> {
  const found = new Map<string, { codes: ErrorCode[]; public: boolean }>();
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler: unknown = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const codes = Reflect.getMetadata(REFUSALS, handler) as ErrorCode[] | undefined;
      if (!codes) continue;
      const isPublic = Boolean(
        Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller),
      );
      found.set(`${controller.name}_${name}`, { codes, public: isPublic });
    }
  }
  return found;
}

/**
 * Lists on each operation the refusals it can answer: `x-error-codes` (declared by its @Refusals and implied
 * by what the route is, sorted), and a response per status whose description names the codes and whose body
 * is an ErrorBody with `code` narrowed to them. An operation whose route declares nothing is left as it is
 * (test/platform/declared-refusals.int.spec.ts refuses that).
 */
export function documentRouteRefusals<D extends DocumentedPaths>(
  document: D,
  controllers: readonly Type[],
  catalogue: ErrorCodeList,
): D {
  const declared = declaredByOperation(controllers);
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, DocumentedOperation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const route = operation.operationId ? declared.get(operation.operationId) : undefined;
      if (!route) continue;
      const implied = implicitRefusals({
        public: route.public,
        method: method.toUpperCase(),
        community: path.includes('{cid}'),
      });
      const codes = [...new Set<string>([...route.codes, ...implied])].sort();
      operation['x-error-codes'] = codes;
      const byStatus = new Map<number, string[]>();
      for (const code of codes) {
        const status = catalogue[code].status;
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      const responses = (operation.responses ??= {});
      for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
        responses[String(status)] = {
          description: group.map((code) => `\`${code}\`: ${catalogue[code].text}`).join('\n\n'),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/ErrorBody' },
                  { type: 'object', properties: { statusCode: { enum: [status] }, code: { enum: group } } },
                ],
              },
            },
          },
        };
      }
    }
  }
  return document;
}
