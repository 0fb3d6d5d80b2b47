import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard.js';
import { CommunityPlaces } from './community-places.js';
import { OwnerLetters } from './owner-letters.js';
import { IdentityController } from './identity.controller.js';
import { IdentityRepository } from './identity.repository.js';
import { IdentityService } from './identity.service.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  controllers: [IdentityController],
  providers: [CommunityPlaces, OwnerLetters, IdentityRepository, IdentityService, TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityService, CommunityPlaces, OwnerLetters],
})
export class IdentityModule {}
