// A key crossing the LSP connection travels sealed to the language server process. With
// `activationLens.trace.server` on, vscode-languageclient writes every message — the results of
// the server's requests to the client included — into the output channel, so a key sent in the
// clear would end up in the log. The server makes an X25519 key pair when it starts and sends the
// public half with `activationLens/secret`; the client seals the key to it (ephemeral X25519,
// HKDF-SHA256, AES-256-GCM), and only the server process can open it.
import * as crypto from 'node:crypto';

/** A sealed key as it appears on the wire (every field base64). */
export interface SealedSecret {
  /** The sender's ephemeral X25519 public key (SPKI DER). */
  from: string;
  iv: string;
  data: string;
  tag: string;
}

const INFO = 'activation-lens/secret/v1';

function aesKey(privateKey: crypto.KeyObject, publicKey: crypto.KeyObject, salt: Buffer): Buffer {
  const shared = crypto.diffieHellman({ privateKey, publicKey });
  return Buffer.from(crypto.hkdfSync('sha256', shared, salt, INFO, 32));
}

function publicKeyFrom(base64: string): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
}

/** Seals `secret` to the holder of `recipient` (a base64 SPKI X25519 public key). */
export function sealSecret(secret: string, recipient: string): SealedSecret {
  const ephemeral = crypto.generateKeyPairSync('x25519');
  const from = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(
    'aes-256-gcm',
    aesKey(ephemeral.privateKey, publicKeyFrom(recipient), from),
    iv,
  );
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return {
    from: from.toString('base64'),
    iv: iv.toString('base64'),
    data: data.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The receiving end: a key pair for the life of the process. */
export class SecretOpener {
  private readonly keys = crypto.generateKeyPairSync('x25519');
  /** Base64 SPKI DER, for `sealSecret`. */
  readonly publicKey = this.keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

  /** The key, or an error if it was not sealed to this process or was altered on the way. */
  open(sealed: SealedSecret): string {
    const from = Buffer.from(sealed.from, 'base64');
    const decipher = crypto.createDecipheriv(
      'aes-256-gcm',
      aesKey(this.keys.privateKey, publicKeyFrom(sealed.from), from),
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
