import { Injectable } from '@nestjs/common';
import { IdentityRepository } from './identity.repository.js';
import { IdentityService } from './identity.service.js';

/**
 * Rule 33: an owner re-keys their account with a new letter. Kept apart from sign-in and activation
 * (identity.service.ts): this ends access, that grants it.
 */
@Injectable()
export class OwnerLetters {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly identity: IdentityService,
  ) {}

  /** Ends the old account's access for the owner, voids unused codes, and issues the new letter's code. */
  async reissue(
    communityId: string,
    ownerId: string,
    label: string,
  ): Promise<{ activationCode: string; grantsEnded: number; codesVoided: number }> {
    const voided = await this.repository.voidOwnerAccess(communityId, ownerId);
    const [activationCode] = await this.identity.issueActivationCodes([
      { role: 'owner', communityId, subjectId: ownerId, label },
    ]);
    return { activationCode, ...voided };
  }
}
