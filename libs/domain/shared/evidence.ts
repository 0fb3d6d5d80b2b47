/** What the system keeps of a scan or a document: its SHA-256, 64 lowercase hexadecimal digits, never the scan (rule 24). */
export const SHA256 = /^[0-9a-f]{64}$/;
