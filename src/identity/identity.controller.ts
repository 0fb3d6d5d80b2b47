import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { statementDecider } from '@gongzhi/domain/finance/statement.js';
import { statementStream } from '@gongzhi/domain/finance/statement.events.js';
import { communityDecider } from '@gongzhi/domain/registry/community.js';
import { communityStream } from '@gongzhi/domain/registry/community.events.js';
import { invalid, notFound } from '@gongzhi/domain/shared/domain-error.js';
import { EventSourcing } from '../platform/event-sourcing/event-sourcing.service.js';
import { requireSignedIn } from '../platform/auth/principal.js';
import { Public } from '../platform/auth/public.decorator.js';
import { Ctx, type GongzhiRequest, RequestContext } from '../platform/auth/request-context.js';
import { authorizeIdentity } from './identity.access.js';
import { ActivateDto, InvitationDto, SignInDto } from './identity.dto.js';
import { IdentityService } from './identity.service.js';
import { clientAddress } from './sign-in-attempts.js';
import { SignInGuard } from './sign-in.guard.js';
import { Refusals } from '../platform/http/refusals.js';

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
  @Refusals('INVALID_CREDENTIALS', 'TOO_MANY_SIGN_IN_ATTEMPTS')
  @ApiOperation({ summary: 'Sign in: a short-lived access token (failures back off per address and login)' })
  signIn(@Body() body: SignInDto, @Req() request: GongzhiRequest, @Ctx() ctx: RequestContext) {
    return this.identity.signIn(body.login, body.secret, clientAddress(request), ctx.now);
  }

  @Public()
  @Post('auth/activate')
  @UseGuards(SignInGuard)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Turn an activation code into an account (or add it to yours); a code works once; limited like sign-in',
  })
  @Refusals('ACTIVATION_FAILED', 'TOO_MANY_SIGN_IN_ATTEMPTS')
  async activate(@Body() body: ActivateDto, @Req() request: GongzhiRequest, @Ctx() ctx: RequestContext): Promise<void> {
    // Rule 33: a committee member's session activating an owner's letter is recorded as doing so.
    await this.identity.activate(
      body.activationCode,
      body.login,
      body.secret,
      clientAddress(request),
      ctx.principal,
      ctx.now,
    );
  }

  @Get('auth/me')
  @ApiBearerAuth()
  @Refusals()
  @ApiOperation({ summary: 'Who the token belongs to and the roles it holds' })
  me(@Ctx() ctx: RequestContext) {
    const principal = requireSignedIn(ctx.principal);
    return { accountId: principal.accountId, login: principal.login, grants: principal.grants };
  }

  @Post('accounts/invitations')
  @ApiBearerAuth()
  @Refusals(
    'COMMUNITY_NOT_FOUND',
    'COMMUNITY_REQUIRED',
    'DISTRICT_REQUIRED',
    'FORBIDDEN',
    'OUTSIDE_JURISDICTION',
    'SCOPE_NOT_ALLOWED',
    'STATEMENT_NOT_ALLOWED',
    'STATEMENT_NOT_FOUND',
  )
  @ApiOperation({ summary: 'An activation code for a new administrator, regulator or auditor (admin only)' })
  async invite(@Body() body: InvitationDto, @Ctx() ctx: RequestContext) {
    authorizeIdentity(ctx, 'InviteAccount', null);
    if (body.role === 'auditor' && !body.communityId)
      throw invalid('COMMUNITY_REQUIRED', 'an auditor is invited for one community: give communityId');
    const communityId = body.role === 'auditor' ? body.communityId! : null;
    if ((body.district || body.street) && body.role !== 'regulator')
      throw invalid(
        'SCOPE_NOT_ALLOWED',
        'district and street scope a regulator; an administrator is global and an auditor is of one community',
      );
    if (body.street && !body.district)
      throw invalid('DISTRICT_REQUIRED', 'a street lies in a district: give the district too');
    const scope =
      body.role === 'regulator' && body.district
        ? { district: body.district, ...(body.street ? { street: body.street } : {}) }
        : {};
    // Read from the community's own stream: the registry module stands on this one, not the other way round.
    if (
      communityId &&
      (await this.eventSourcing.load(communityStream(communityId), communityDecider)).state.status !== 'registered'
    ) {
      throw notFound(
        'COMMUNITY_NOT_FOUND',
        `no community ${communityId} is registered; an auditor is invited for an existing community`,
      );
    }
    const statementId = await this.auditedStatement(body, communityId);
    const [activationCode] = await this.identity.issueActivationCodes([
      {
        role: body.role,
        communityId,
        subjectId: statementId,
        ...scope,
        label:
          body.label ??
          `${body.role}${communityId ? ` of ${communityId}` : ''}${body.district ? ` of ${body.district}${body.street ? ` ${body.street}` : ''}` : ''}`,
      },
    ]);
    return { activationCode };
  }

  /** Rule 32: an auditor's grant names the statement it audits (its subject), a statement of that community. */
  private async auditedStatement(body: InvitationDto, communityId: string | null): Promise<string | null> {
    if (body.statementId === undefined) return null;
    if (body.role !== 'auditor')
      throw invalid('STATEMENT_NOT_ALLOWED', 'only an auditor is invited for a statement; leave statementId out');
    const statement = (await this.eventSourcing.load(statementStream(body.statementId), statementDecider)).state;
    if (statement.status === 'none' || statement.communityId !== communityId) {
      throw notFound(
        'STATEMENT_NOT_FOUND',
        `community ${communityId} has no statement ${body.statementId}; an auditor is invited for an existing statement`,
      );
    }
    return body.statementId;
  }
}
