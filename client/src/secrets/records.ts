// Keys of the remote KPI sources in VS Code's SecretStorage (the OS keychain on desktop), each with
// the endpoint it belongs to: the record says where the key may go. Never in settings or files.
import type * as vscode from 'vscode';
import type { RemoteSourceKind } from '../../../server/src/protocol';

export interface SecretRecord {
  /** The endpoint the user saved the key for. */
  endpoint: string;
  secret: string;
  /** ClickHouse: the user the password is for. */
  user?: string;
  savedAt: string;
}

const keyOf = (source: RemoteSourceKind) => `activationLens.secret.${source}`;

export class SecretRecords {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(source: RemoteSourceKind): Promise<SecretRecord | undefined> {
    const text = await this.storage.get(keyOf(source));
    if (!text) return undefined;
    try {
      const record = JSON.parse(text) as Partial<SecretRecord>;
      if (typeof record.endpoint === 'string' && typeof record.secret === 'string')
        return record as SecretRecord;
    } catch {
      // an unreadable record is no record
    }
    return undefined;
  }

  async set(source: RemoteSourceKind, record: Omit<SecretRecord, 'savedAt'>): Promise<void> {
    await this.storage.store(keyOf(source), JSON.stringify({ ...record, savedAt: new Date().toISOString() }));
  }

  async delete(source: RemoteSourceKind): Promise<void> {
    await this.storage.delete(keyOf(source));
  }
}
