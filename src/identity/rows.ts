import type { Role } from '../platform/auth/principal.js';

// Accounts, grants and activation codes as pg answers them (timestamptz as Date). Not a read model: the
// identity tables are written directly, never by a projection.

/** accounts: a login and the hash of its secret. */
export interface AccountTableRow {
  id: string;
  login: string;
  secret_hash: string;
}

/** The optional parts of a stored grant (a regulator's district and street, rule 33's activator). */
export interface GrantPartsRow {
  district: string | null;
  street: string | null;
  activated_by: string | null;
}

/** An account with one of its live grants (a LEFT JOIN: role null when it has none). */
export interface AccountGrantRow extends GrantPartsRow {
  login: string;
  role: Role | null;
  community_id: string | null;
  subject_id: string | null;
  expires_at: Date | null;
}

/** activation_codes: the grant a code gives, as its UPDATE … RETURNING answers it. */
export interface CodeGrantRow extends Omit<GrantPartsRow, 'activated_by'> {
  role: Role;
  community_id: string | null;
  subject_id: string | null;
  grant_expires_at: Date | null;
}
