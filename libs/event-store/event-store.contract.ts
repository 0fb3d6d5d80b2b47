import type { EventStore } from './event-store.js';
import { describeAppendContract } from './contract/append.contract.js';
import type { ContractContext, ContractSetup, EventStoreContractOptions } from './contract/fixtures.js';
import { describeIdempotencyContract } from './contract/idempotency.contract.js';
import { describeLifecycleContract } from './contract/lifecycle.contract.js';
import { describeReadContract } from './contract/read.contract.js';
import { describeSubscriptionContract } from './contract/subscription.contract.js';

export type { EventStoreContractOptions } from './contract/fixtures.js';

/**
 * The behaviour every EventStore adapter must show, as jest tests; each adapter's spec calls this once.
 * Tests share one store per suite and keep apart by stream-id prefix, so the store need not start empty.
 */
export function describeEventStoreContract(
  adapterName: string,
  setup: ContractSetup,
  options: EventStoreContractOptions = {},
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore | undefined;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, teardown } = await setup());
    });
    afterAll(async () => {
      await teardown?.();
    });

    const context: ContractContext = {
      store: () => {
        if (!store) throw new Error(`the ${adapterName} store was not set up`);
        return store;
      },
      setup,
      options: { refusesEveryReusedEventId: options.refusesEveryReusedEventId ?? true },
    };
    describeAppendContract(context);
    describeIdempotencyContract(context);
    describeReadContract(context);
    describeSubscriptionContract(context);
    describeLifecycleContract(context);
  });
}
