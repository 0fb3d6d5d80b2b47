import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { notFound } from '@gongzhi/domain/shared/domain-error.js';
import { OwnerLetters } from '../../identity/owner-letters.js';
import type { RequestContext } from '../../platform/auth/request-context.js';
import { CommunityStream } from '../community-stream.js';
import { authorizeRegistry, registrySubjects } from '../registry.access.js';

export class IssueOwnerLetter extends Command<{
  ownerId: string;
  activationCode: string;
  grantsEnded: number;
  codesVoided: number;
}> {
  constructor(
    readonly communityId: string,
    readonly ownerId: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

/**
 * Rule 33: a new letter for an owner (a re-key), at the owner's own request or by the committee or
 * the street office on it: the account the old letter made loses the owner's access, and a code of
 * the old letter not yet used no longer works.
 */
@CommandHandler(IssueOwnerLetter)
export class IssueOwnerLetterHandler implements ICommandHandler<IssueOwnerLetter> {
  constructor(
    private readonly communities: CommunityStream,
    private readonly letters: OwnerLetters,
  ) {}

  async execute({ communityId, ownerId, ctx }: IssueOwnerLetter) {
    // The owner themself may ask (their account stands for ownerId); otherwise the committee or the regulator.
    if (!registrySubjects(ctx, 'IssueOwnLetter', communityId).includes(ownerId))
      authorizeRegistry(ctx, 'IssueOwnerLetter', communityId);
    const community = await this.communities.registered(communityId);
    const owner = community.owners.get(ownerId);
    if (!owner) throw notFound('OWNER_NOT_FOUND', `owner ${ownerId} is not on the roster of community ${communityId}`);
    const letter = await this.letters.reissue(communityId, ownerId, `owner ${ownerId} ${owner.name} (new letter)`);
    return { ownerId, ...letter };
  }
}
