// Rows as the JSON API sends them (dates as ISO strings).

export interface UserRow {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface TokenRow {
  id: string;
  name: string;
  /** e.g. "pgt_AbCd1234": names the token, cannot authenticate. */
  prefix: string;
  userId: string;
  username?: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
