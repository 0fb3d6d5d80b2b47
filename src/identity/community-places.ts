import { Inject, Injectable } from '@nestjs/common';
import { communityStream, type CommunityEvent } from '@gongzhi/domain/registry/community.events.js';
import type { EventStore } from '@gongzhi/event-store/event-store.js';
import type { Place } from '../platform/auth/principal.js';
import { EVENT_STORE } from '../platform/event-sourcing/event-sourcing.service.js';

const PLACES_KEPT = 50_000;

/**
 * Where a community lies (rule 31), from the first event of its own stream: the registration names
 * its district and street and nothing changes them, so a place once read is kept. Read from the
 * stream rather than the registry's table, which may not have caught up with a just-registered one.
 */
@Injectable()
export class CommunityPlaces {
  private readonly places = new Map<string, Place>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Null for a community that is not registered. */
  async of(communityId: string): Promise<Place | null> {
    const known = this.places.get(communityId);
    if (known) return known;
    const [first] = await this.store.readStream(communityStream(communityId), { maxCount: 1 });
    const registered = first as unknown as CommunityEvent | undefined;
    if (registered?.type !== 'CommunityRegistered') return null;
    const place = { district: registered.data.district, street: registered.data.street ?? null };
    if (this.places.size >= PLACES_KEPT) this.places.clear();
    this.places.set(communityId, place);
    return place;
  }
}
