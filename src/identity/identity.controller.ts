import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { communityDecider } from '../../libs/domain/registry/community.js';
import { communityStream } from '../../libs/domain/registry/community.events.js';
import { invalid, notFound } from '../../libs/domain/shared/domain-error.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';
import { authorize, requireSignedIn } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, type GongzhiRequest, RequestContext } from '../platform/auth/request-context.js';
import { ActivateDto, InvitationDto, SignInDto } from './identity.dto.js';
import { IdentityService } from './identity.service.js';
import { clientAddress } from './sign-in-attempts.js';
import { SignInGuard } from './sign-in.guard.js';

@ApiTags('identity')
@Controller()
export class IdentityController {
  constructor(
    private readonly identity: IdentityService,
    private readonly eventSourcing: EventSourcing,
  ) {}

  @Public()
  @Post('auth/token')
  @UseGuards(SignInGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a short-lived access token (failures back off per address and login)' })
  signIn(@Body() body: SignInDto, @Req() request: GongzhiRequest, @Ctx() ctx: RequestContext) {
    return this.identity.signIn(body.login, body.secret, clientAddress(request), ctx.now);
  }

  @Public()
  @Post('auth/activate')
  @UseGuards(SignInGuard)
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn an activation code into an account (or add it to yours); a code works once; limited like sign-in' })
  async activate(@Body() body: ActivateDto, @Req() request: GongzhiRequest): Promise<void> {
    await this.identity.activate(body.activationCode, body.login, body.secret, clientAddress(request));
  }

  @Get('auth/me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to and the roles it holds' })
  me(@Ctx() ctx: RequestContext) {
    const principal = requireSignedIn(ctx.principal);
    return { accountId: principal.accountId, login: principal.login, grants: principal.grants };
  }

  @Post('accounts/invitations')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An activation code for a new administrator, regulator or auditor (admin only)' })
  async invite(@Body() body: InvitationDto, @Ctx() ctx: RequestContext) {
    authorize(ctx.principal, ['admin'], null);
    if (body.role === 'auditor' && !body.communityId) throw invalid('COMMUNITY_REQUIRED', 'an auditor is invited for one community: give communityId');
    const communityId = body.role === 'auditor' ? body.communityId! : null;
    // Read from the community's own stream: the registry module stands on this one, not the other way round.
    if (communityId && (await this.eventSourcing.load(communityStream(communityId), communityDecider)).state.status !== 'registered') {
      throw notFound('COMMUNITY_NOT_FOUND', `no community ${communityId} is registered; an auditor is invited for an existing community`);
    }
    const [activationCode] = await this.identity.issueActivationCodes([
      { role: body.role, communityId, subjectId: null, label: body.label ?? `${body.role}${communityId ? ` of ${communityId}` : ''}` },
    ]);
    return { activationCode };
  }
}
