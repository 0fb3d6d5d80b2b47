import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../platform/http/error-response.js';
import { PUBLIC_ROUTE } from '../platform/auth/public.decorator.js';
import type { GongzhiRequest } from '../platform/auth/request-context.js';
import { CLOCK, type Clock } from '../platform/clock.js';
import { withinPlace } from '../platform/auth/principal.js';
import { CommunityPlaces } from './community-places.js';
import { IdentityService } from './identity.service.js';

/**
 * Authentication only: who is calling. What they may do is decided where each command is handled.
 * It also stamps the request with the clock's time, so one request sees one "now".
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly places: CommunityPlaces,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GongzhiRequest>();
    request.now = this.clock.now();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const header = request.header('authorization');
    if (!header) {
      if (isPublic) return true;
      throw new ApiError(
        401,
        'UNAUTHENTICATED',
        'sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token',
      );
    }
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match) throw new ApiError(401, 'INVALID_TOKEN', 'the Authorization header must be "Bearer <token>"');
    const principal = await this.identity.principalFromToken(match[1], request.now);
    // Rule 31: on a route that names a community, a scoped regulator acts only where its scope reaches.
    const communityId = typeof request.params?.cid === 'string' ? request.params.cid : null;
    const scoped = principal.grants.some((g) => g.role === 'regulator' && g.district);
    const place = scoped && communityId ? await this.places.of(communityId) : null;
    request.principal = place ? withinPlace(principal, place) : principal;
    return true;
  }
}
