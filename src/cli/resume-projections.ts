import type { AppConfig } from '../platform/config/app-config.js';
import { ProjectionError } from '../platform/projections/batch-applier.js';
import { withProjectionsApplier } from './projections-context.js';

/**
 * `gongzhi projections resume <community>`: after a fix is deployed, applies a stalled community's
 * events again from the one that failed, so its read models catch up and the runner carries on with it.
 */
export function resumeProjections(config: AppConfig, communityId: string): Promise<string> {
  return withProjectionsApplier(config, async (store, applier) => {
    const outcome = await applier.resume(communityId, (from) => store.readAll({ fromPosition: from, maxCount: 1000 }));
    if (!outcome) return `community ${communityId} is not stalled; nothing to resume`;
    if (outcome.failure)
      throw new Error(`community ${communityId} is still stalled: ${new ProjectionError(outcome.failure).message}`);
    return `community ${communityId} resumed: ${outcome.applied} events applied`;
  });
}
