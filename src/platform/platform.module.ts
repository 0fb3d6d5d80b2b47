import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { CLOCK, type Clock, systemClock } from './clock.js';
import type { Migrations } from './database/migrations.js';
import { poolOptions } from './database/session-options.js';
import { PublicReads } from './database/public-reads.js';
import { databaseTarget } from './database/writable-node.js';
import { eventStoreProvider } from './event-sourcing/event-store.provider.js';
import { EVENT_STORE, EventSourcing } from './event-sourcing/event-sourcing.service.js';
import { ErrorFilter } from './http/error.filter.js';
import { ServerKeys } from './keys/server-keys.js';
import { IdempotencyRecordExpiry } from './http/idempotency-expiry.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ReadAfterInterceptor } from './http/read-after.js';
import { BatchApplier } from './projections/batch-applier.js';
import { ProjectionProgress } from './projections/projection-progress.js';
import { ProjectionRegistry } from './projections/projection-registry.js';
import { ProjectionRunner } from './projections/projection-runner.js';

export interface PlatformOptions {
  config: AppConfig;
  clock?: Clock;
}

/** What the composition root adds to the caller's options: every module's schema changes (src/migrations.ts). */
export interface PlatformParts {
  migrations: Migrations;
}

/** What every bounded context stands on: configuration, database, event store, projections, HTTP edge. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, clock = systemClock }: PlatformOptions, { migrations }: PlatformParts): DynamicModule {
    const database = databaseTarget(config.databaseUrl!);
    return {
      module: PlatformModule,
      imports: [
        CqrsModule.forRoot(),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: database.url,
          migrations: [...migrations],
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          synchronize: false,
          // Not 'error': a failed query's log line would carry its parameters (secret hashes, names); the error filter logs what matters.
          logging: ['migration'],
          extra: { max: 24, Client: database.Client, ...poolOptions(config.databaseTimeouts) },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: ServerKeys,
          useFactory: (dataSource: DataSource) => ServerKeys.load(config, dataSource),
          inject: [DataSource],
        },
        eventStoreProvider,
        EventSourcing,
        ProjectionRegistry,
        BatchApplier,
        ProjectionProgress,
        ProjectionRunner,
        {
          provide: PublicReads,
          useFactory: () =>
            config.publicReads === 'standby'
              ? PublicReads.on(config.databaseUrl!, config.databaseTimeouts)
              : PublicReads.off(),
        },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ReadAfterInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        IdempotencyRecordExpiry,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        ServerKeys,
        EVENT_STORE,
        EventSourcing,
        ProjectionRegistry,
        BatchApplier,
        ProjectionProgress,
        CqrsModule,
      ],
    };
  }
}
