/** Seals secrets at rest. Electron provides one backed by the OS keychain (safeStorage). */
export interface SecretBox {
  readonly scheme: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}
