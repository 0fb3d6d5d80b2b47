import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { CLOCK, type Clock } from '../platform/clock.js';
import { AuthGuard } from './auth.guard.js';
import { CommunityPlaces } from './community-places.js';
import { OwnerLetters } from './owner-letters.js';
import { IdentityController } from './identity.controller.js';
import { IdentityRepository } from './identity.repository.js';
import { IdentityService } from './identity.service.js';
import { ATTEMPT_THROTTLERS, SignInAttempts } from './sign-in-attempts.js';
import { SignInGuard } from './sign-in.guard.js';
import { TokenService } from './token.service.js';

@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [CLOCK],
      useFactory: (clock: Clock) => ({
        throttlers: ATTEMPT_THROTTLERS,
        storage: new SignInAttempts(clock),
        setHeaders: false,
      }),
    }),
  ],
  controllers: [IdentityController],
  providers: [
    SignInGuard,
    CommunityPlaces,
    OwnerLetters,
    IdentityRepository,
    IdentityService,
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityService, CommunityPlaces, OwnerLetters],
})
export class IdentityModule {}
