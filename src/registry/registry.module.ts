import { Module } from '@nestjs/common';
import { AppointManagingBodyHandler } from './commands/appoint-managing-body.js';
import { IssueOwnerLetterHandler } from './commands/issue-owner-letter.js';
import { RegisterCommunityHandler } from './commands/register-community.js';
import { RegisterOwnersHandler } from './commands/register-owners.js';
import { PreviewOwnersHandler, PreviewUnitsHandler } from './commands/preview-roster.js';
import { RegisterUnitsHandler } from './commands/register-units.js';
import { TransferUnitHandler } from './commands/transfer-unit.js';
import { CommunityStream } from './community-stream.js';
import { RegistryProjection } from './projections/registry.projection.js';
import { RegistryQueries } from './queries/registry.queries.js';
import { RegistryController } from './registry.controller.js';

@Module({
  controllers: [RegistryController],
  providers: [
    CommunityStream,
    RegistryQueries,
    RegistryProjection,
    RegisterCommunityHandler,
    AppointManagingBodyHandler,
    RegisterOwnersHandler,
    RegisterUnitsHandler,
    PreviewUnitsHandler,
    PreviewOwnersHandler,
    TransferUnitHandler,
    IssueOwnerLetterHandler,
  ],
  exports: [CommunityStream, RegistryQueries],
})
export class RegistryModule {}
