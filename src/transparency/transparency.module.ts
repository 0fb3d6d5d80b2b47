import { Module } from '@nestjs/common';
import { CheckpointLedger } from './checkpoints/checkpoint-ledger.js';
import { KeptCheckpoints } from './checkpoints/kept-checkpoints.js';
import { CheckpointScheduler } from './checkpoints/checkpoint-scheduler.js';
import { LogNoteKey } from './checkpoints/log-note-key.js';
import { SigningKey } from './checkpoints/signing-key.js';
import { CommunityLogs } from './community-logs.js';
import { BundleExporter } from './export/bundle-exporter.js';
import { LogRepository } from './log.repository.js';
import { TransparencyLogProjection } from './projections/transparency-log.projection.js';
import { LogQueries } from './queries/log.queries.js';
import { WitnessSubmitter } from './witnesses/witness-submitter.js';
import { TransparencyController } from './transparency.controller.js';

@Module({
  controllers: [TransparencyController],
  providers: [
    LogRepository,
    SigningKey,
    LogNoteKey,
    KeptCheckpoints,
    CommunityLogs,
    CheckpointLedger,
    CheckpointScheduler,
    TransparencyLogProjection,
    LogQueries,
    BundleExporter,
    WitnessSubmitter,
  ],
  exports: [LogQueries],
})
export class TransparencyModule {}
