import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { AuthoriseProxyHandler } from './commands/authorise-proxy.js';
import { CastBallotHandler } from './commands/cast-ballot.js';
import { DraftResolutionHandler } from './commands/draft-resolution.js';
import { EnterPaperBallotsHandler } from './commands/enter-paper-ballots.js';
import { CloseResolutionHandler, OpenResolutionHandler, PostResolutionHandler } from './commands/resolution-steps.js';
import { VotingProjection } from './projections/voting.projection.js';
import { VotingQueries } from './queries/voting.queries.js';
import { ResolutionStream } from './resolution-stream.js';
import { VotingController } from './voting.controller.js';

@Module({
  imports: [RegistryModule],
  controllers: [VotingController],
  providers: [
    ResolutionStream,
    VotingQueries,
    VotingProjection,
    DraftResolutionHandler,
    PostResolutionHandler,
    OpenResolutionHandler,
    CloseResolutionHandler,
    CastBallotHandler,
    EnterPaperBallotsHandler,
    AuthoriseProxyHandler,
  ],
  exports: [ResolutionStream, VotingQueries],
})
export class VotingModule {}
