import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module.js';
import { VotingModule } from '../voting/voting.module.js';
import {
  DissolvePmcHandler,
  RemoveCommitteeMemberHandler,
  ResignFromCommitteeHandler,
} from './commands/committee-changes.js';
import { CastElectionBallotHandler } from './commands/cast-election-ballot.js';
import { DraftElectionHandler } from './commands/draft-election.js';
import { CloseElectionHandler, OpenElectionHandler, PostElectionHandler } from './commands/election-steps.js';
import { EnterPaperElectionBallotsHandler } from './commands/enter-paper-election-ballots.js';
import { FileCommitteeHandler } from './commands/file-committee.js';
import { CommitteeController } from './committee.controller.js';
import { CommitteeGrants } from './committee-grants.js';
import { ElectionStream } from './election-stream.js';
import { ElectionsController } from './elections.controller.js';
import { CommitteeProjection } from './projections/committee.projection.js';
import { ElectionsProjection } from './projections/elections.projection.js';
import { CommitteeQueries } from './queries/committee.queries.js';
import { ElectionsQueries } from './queries/elections.queries.js';

@Module({
  imports: [RegistryModule, VotingModule],
  controllers: [ElectionsController, CommitteeController],
  providers: [
    ElectionStream,
    CommitteeGrants,
    ElectionsQueries,
    CommitteeQueries,
    ElectionsProjection,
    CommitteeProjection,
    DraftElectionHandler,
    PostElectionHandler,
    OpenElectionHandler,
    CloseElectionHandler,
    CastElectionBallotHandler,
    EnterPaperElectionBallotsHandler,
    FileCommitteeHandler,
    ResignFromCommitteeHandler,
    DissolvePmcHandler,
    RemoveCommitteeMemberHandler,
  ],
  exports: [CommitteeQueries],
})
export class ElectionsModule {}
