import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { PlatformModule, type PlatformOptions } from './platform/platform.module.js';
import { RegistryModule } from './registry/registry.module.js';
import { VotingModule } from './voting/voting.module.js';
import { ElectionsModule } from './elections/elections.module.js';
import { FinanceModule } from './finance/finance.module.js';
import { PortalModule } from './portal/portal.module.js';
import { ServicesModule } from './services/services.module.js';
import { TransparencyModule } from './transparency/transparency.module.js';
import { MIGRATIONS } from './migrations.js';
import { requestLogging } from './platform/logging/logger.js';

@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...requestLogging(options.config.logLevel),
        PlatformModule.forRoot(options, { migrations: MIGRATIONS }),
        IdentityModule,
        RegistryModule,
        VotingModule,
        FinanceModule,
        TransparencyModule,
        PortalModule,
        ElectionsModule,
        ServicesModule,
        HealthModule,
      ],
    };
  }
}
