import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { ReadModelsHealth } from './read-models.health.js';

/**
 * /health/live and /health/ready, on @nestjs/terminus' indicators. Terminus logs nothing here: a failed probe
 * is its 503 answer, and a load balancer asking every few seconds through an outage would fill the log.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadModelsHealth],
})
export class HealthModule {}
