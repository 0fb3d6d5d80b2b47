// People type unit numbers with whatever dash their keyboard gives, and spaces around them.
const normalise = (text) =>
  text
    .trim()
    .replace(/[－—–‐]/g, '-')
    .replace(/\s+/g, '');

/**
 * Who a paper ballot is from, found from what is written on it: a unit number ("31-7-602", whose
 * representative casts for it), an owner's name (or part of it), or an owner id. Answers every owner
 * that fits, with their units and name, so the member can pick one when a name is shared.
 */
export function findVoters(roster, typed) {
  const text = normalise(typed);
  if (!text) return [];
  const names = new Map(roster.owners.map((o) => [o.ownerId, o.name]));
  const unitsOf = (ownerId) => roster.units.filter((u) => u.ownerIds.includes(ownerId)).map((u) => u.unitId);
  const person = (ownerId, unitId) => ({
    ownerId,
    name: names.get(ownerId) ?? ownerId,
    unitIds: unitId ? [unitId] : unitsOf(ownerId),
  });
  const unit = roster.units.find((u) => u.unitId === text);
  if (unit) return [person(unit.representativeId ?? unit.ownerIds[0], unit.unitId)];
  if (names.has(text)) return [person(text)];
  const byName = roster.owners.filter((o) => o.name === text);
  const found = byName.length ? byName : roster.owners.filter((o) => o.name.includes(text));
  return found.slice(0, 8).map((o) => person(o.ownerId));
}

/** The ballot that counts now for this owner on the vote (rule 9: the latest replaces the earlier), if any. */
export function ballotOf(record, ownerId) {
  const voter = record?.voters.find((v) => v.ownerIds.includes(ownerId) || v.representativeId === ownerId);
  return voter?.participated ? voter : null;
}

/**
 * What a printed ballot's QR code holds: the vote (or election) and the unit it was printed for. A USB
 * scanner types it into the station's voter field; the text stays short so the code stays easy to read.
 */
const CODE = /^gongzhi:paper:(resolutions|elections):([^:\s]+):(.+)$/;

export const ballotCode = (kind, id, unitId) => `gongzhi:paper:${kind}:${id}:${unitId}`;

/** The vote and unit a scanned ballot code names, or null when the text is not one (a typed unit number, say). */
export function readBallotCode(text) {
  const m = CODE.exec(String(text ?? '').trim());
  return m ? { kind: m[1], id: m[2], unitId: m[3] } : null;
}
