/** The native argon2 addon, loaded on the first password hashed or checked: most commands never need it. */
const argon2 = () => import('@node-rs/argon2');

/**
 * Password hashing with argon2id (the library's default algorithm) at OWASP's recommended
 * minimum cost: 19 MiB, 2 passes. A PHC string carries its parameters, so raising them later
 * keeps old hashes verifiable.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(phc, password);
  } catch {
    return false;
  }
}

/** A hash of a password nobody has, verified when the user does not exist so timing does not tell. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-password-for-timing');
  return dummy;
}
