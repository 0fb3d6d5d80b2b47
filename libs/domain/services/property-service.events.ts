/**
 * A community's property service (rules 36–37) in one stream: the company, its contracts, each period's
 * assessment and fee release, and the street office's record of a party organisation (rule 38). One
 * stream, so a fee is released once, after its assessment, whatever two desks do at the same moment.
 */

export interface ServiceItem {
  itemId: string;
  name: string;
  /** What the company promises, in words a resident can hold it to ("每日两次清扫楼道"). */
  standard: string;
  /** The SERVICE_MENU option this item answers (自主点单), when the contract cites a menu vote. */
  menuOptionId: string | null;
}

export interface ContractPeriod {
  periodId: string;
  startsAt: string;
  endsAt: string;
}

/**
 * The contract's formula (rule 37), integers only. score = weights.survey × (mean item satisfaction)
 * + weights.onTime × (on-time rate) + weights.satisfaction × (requests' satisfaction rate), the weights
 * summing to 100, so the score runs 0–100. The lowest band whose `below` the score falls under
 * withholds its percent of the period's fee.
 */
export interface AssessmentFormula {
  weights: { survey: number; onTime: number; satisfaction: number };
  bands: { below: number; withholdPercent: number }[];
}

export interface ContractSignedData {
  contractId: string;
  companyId: string;
  startsAt: string;
  endsAt: string;
  /** Fen per period, as a decimal string of the integer. */
  periodFeeFen: string;
  periods: ContractPeriod[];
  items: ServiceItem[];
  menuResolutionId: string | null;
  formula: AssessmentFormula;
  signedAt: string;
}

export interface ItemRating {
  itemId: string;
  resolutionId: string;
  /** Heads that answered FOR (satisfied) over heads that took part, from the SURVEY's tally. */
  satisfiedHeads: number;
  participatedHeads: number;
}

export interface AssessmentPublishedData {
  assessmentId: string;
  contractId: string;
  periodId: string;
  items: ItemRating[];
  requests: { counted: number; onTime: number; rated: number; satisfied: number };
  /** The exact score, "n/d", and hundredths for people. */
  score: string;
  points: string;
  withholdPercent: number;
  feeFen: string;
  withheldFen: string;
  payableFen: string;
  assessedAt: string;
}

export type PropertyServiceEvent =
  | {
      type: 'PropertyCompanyRegistered';
      data: { companyId: string; name: string; creditCode: string; registeredAt: string };
    }
  | { type: 'ServiceContractSigned'; data: ContractSignedData }
  | { type: 'ServiceAssessmentPublished'; data: AssessmentPublishedData }
  | {
      type: 'ServiceFeeReleased';
      data: {
        releaseId: string;
        contractId: string;
        periodId: string;
        assessmentId: string;
        feeFen: string;
        releasedFen: string;
        withheldFen: string;
        releasedAt: string;
      };
    }
  | { type: 'PartyOrganisationRecorded'; data: { present: boolean; recordedAt: string } };

export const PROPERTY_SERVICE_EVENT_TYPES: readonly PropertyServiceEvent['type'][] = [
  'PropertyCompanyRegistered',
  'ServiceContractSigned',
  'ServiceAssessmentPublished',
  'ServiceFeeReleased',
  'PartyOrganisationRecorded',
];

export const propertyServiceStream = (communityId: string) => `property-service-${communityId}`;
