/**
 * The packages a release publishes: the four public `@alokai/*` packages and where they live in the repo.
 * The CMS app is private and ignored by changesets, so it is not here.
 */

/** One published workspace package. */
export interface ReleasedPackage {
  /** The npm name, e.g. `@alokai/env`. */
  name: string
  /** Its folder, relative to the repository root. */
  dir: string
}

/**
 * The four packages, in dependency-free order.
 *
 * @example
 * for (const pkg of releasedPackages) console.log(pkg.name)
 */
export const releasedPackages: readonly ReleasedPackage[] = [
  { name: '@alokai/env', dir: 'packages/env' },
  { name: '@alokai/crypto', dir: 'packages/crypto' },
  { name: '@alokai/auth-jwt', dir: 'packages/auth-jwt' },
  { name: '@alokai/auth-oidc', dir: 'packages/auth-oidc' },
]
