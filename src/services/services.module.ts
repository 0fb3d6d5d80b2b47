import { Module } from '@nestjs/common';
import { ElectionsModule } from '../elections/elections.module.js';
import { RegistryModule } from '../registry/registry.module.js';
import { VotingModule } from '../voting/voting.module.js';
import { AddCompanyStaffHandler, RemoveCompanyStaffHandler } from './commands/company-staff-steps.js';
import { PropertyServiceStepHandler } from './commands/property-service-steps.js';
import { CompanyStaffController } from './company-staff.controller.js';
import { CompanyStaff } from './company-staff.js';
import { FileRequestHandler, TakeRequestStepHandler } from './commands/request-steps.js';
import { PropertyServiceController } from './property-service.controller.js';
import { ServicesProjection } from './projections/services.projection.js';
import { ServicesQueries } from './queries/services.queries.js';
import { RequestsController } from './requests.controller.js';
import { ServicesLookups } from './services-lookups.js';
import { StreetOfficeController } from './street-office.controller.js';

/** Rules 34–38: residents' requests, the property company's contract and assessment, the street office's 三率. */
@Module({
  imports: [RegistryModule, VotingModule, ElectionsModule],
  controllers: [RequestsController, PropertyServiceController, StreetOfficeController, CompanyStaffController],
  providers: [
    ServicesLookups,
    ServicesQueries,
    ServicesProjection,
    FileRequestHandler,
    TakeRequestStepHandler,
    PropertyServiceStepHandler,
    CompanyStaff,
    AddCompanyStaffHandler,
    RemoveCompanyStaffHandler,
  ],
})
export class ServicesModule {}
