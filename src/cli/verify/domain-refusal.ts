import { DomainError } from '@gongzhi/domain/shared/domain-error.js';

/**
 * The domain's refusal of what the event records, as a sentence; none when the rule holds. Any other
 * error is no refusal of the domain's and is thrown on. Shared by the funds' and the statements' checkers.
 */
export function refusal(check: () => void, lead: string): string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return [`${lead}: ${error.message}`];
  }
}
