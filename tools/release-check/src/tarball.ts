/**
 * Reads what a package really shipped: its packument and tarball as the registry serves them (not
 * `npm pack` of the source folder), and checks the tarball holds only `dist/`, README, CHANGELOG, LICENSE
 * and package.json, and that the published manifest kept no `workspace:` or `catalog:` ranges.
 */
import { gunzipSync } from 'node:zlib'
import { ReleaseCheckError } from './errors.ts'

/** A published version as the registry lists it. */
export interface PublishedPackage {
  name: string
  version: string
  /** Every path in the tarball, without the leading `package/`. */
  files: string[]
  /** The published package.json. */
  manifest: Record<string, unknown>
}

const allowedTopLevel = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md|\.txt)?)$/
// CHANGELOG.md is allowed but not required: only a package whose `files` lists it ships it.
const requiredFiles = ['package.json', 'README.md']

/**
 * Fetches `name@version` from the registry with the token and lists its tarball.
 *
 * @example
 * const pkg = await fetchPublished(registry.url, token, '@alokai/env', '0.1.0')
 */
export async function fetchPublished(
  registryUrl: string,
  token: string,
  name: string,
  version: string,
): Promise<PublishedPackage> {
  const headers = { authorization: `Bearer ${token}` }
  const packument = await fetch(new URL(name.replace('/', '%2f'), registryUrl), { headers })
  if (!packument.ok) {
    throw new ReleaseCheckError('ERR_RELEASE_REGISTRY', `${name}: the registry answered ${packument.status}`)
  }
  const doc = (await packument.json()) as { versions?: Record<string, { dist?: { tarball?: string } }> }
  const tarballUrl = doc.versions?.[version]?.dist?.tarball
  if (!tarballUrl) throw new ReleaseCheckError('ERR_RELEASE_REGISTRY', `${name}@${version} is not published`)
  const tarball = await fetch(tarballUrl, { headers })
  if (!tarball.ok) {
    throw new ReleaseCheckError(
      'ERR_RELEASE_REGISTRY',
      `${name}@${version}: tarball answered ${tarball.status}`,
    )
  }
  const entries = readTar(gunzipSync(new Uint8Array(await tarball.arrayBuffer())))
  const manifestBytes = entries.get('package.json')
  if (!manifestBytes) throw new ReleaseCheckError('ERR_RELEASE_TARBALL', `${name}: no package.json`)
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Record<string, unknown>
  return { name, version, files: [...entries.keys()].sort(), manifest }
}

/**
 * Lists what is wrong with a published package; an empty list means it is clean.
 *
 * @example
 * expect(tarballProblems(pkg)).toEqual([])
 */
export function tarballProblems(pkg: PublishedPackage): string[] {
  const problems: string[] = []
  for (const file of pkg.files) {
    if (!file.startsWith('dist/') && !allowedTopLevel.test(file)) problems.push(`unexpected file ${file}`)
  }
  for (const file of requiredFiles) if (!pkg.files.includes(file)) problems.push(`missing ${file}`)
  if (!pkg.files.some((file) => file.startsWith('dist/'))) problems.push('missing dist/')
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    const ranges = pkg.manifest[field]
    if (!ranges || typeof ranges !== 'object') continue
    for (const [dep, range] of Object.entries(ranges)) {
      if (typeof range === 'string' && /^(workspace|catalog):/.test(range)) {
        problems.push(`${field}.${dep} was published as ${range}`)
      } else if (field === 'dependencies' && typeof range === 'string' && /^\d/.test(range)) {
        // An exact pin makes an app that uses the same library at another release carry two copies.
        problems.push(`${field}.${dep} is pinned to ${range}; publish a caret range`)
      }
    }
  }
  if (pkg.manifest.version !== pkg.version) problems.push('package.json version differs from the registry')
  return problems.map((problem) => `${pkg.name}@${pkg.version}: ${problem}`)
}

/**
 * What is inconsistent across the published packages: a peer dependency (hono, zod) with different ranges in
 * two packages, so an app that satisfies one may not satisfy the other.
 *
 * @example
 * expect(peerRangeProblems(published)).toEqual([])
 */
export function peerRangeProblems(packages: readonly PublishedPackage[]): string[] {
  const byPeer = new Map<string, [string, string][]>()
  for (const pkg of packages) {
    const peers = pkg.manifest.peerDependencies
    if (!peers || typeof peers !== 'object') continue
    for (const [peer, range] of Object.entries(peers)) {
      if (typeof range === 'string') byPeer.set(peer, [...(byPeer.get(peer) ?? []), [pkg.name, range]])
    }
  }
  const problems: string[] = []
  for (const [peer, ranges] of byPeer) {
    if (new Set(ranges.map(([, range]) => range)).size > 1) {
      problems.push(
        `peer ${peer} has different ranges: ${ranges.map(([name, r]) => `${name} ${r}`).join(', ')}`,
      )
    }
  }
  return problems
}

/** Reads a ustar archive (with pax `path` records) into path → bytes, stripping the `package/` prefix. */
function readTar(archive: Uint8Array): Map<string, Uint8Array> {
  const decoder = new TextDecoder()
  const field = (block: Uint8Array, start: number, length: number) =>
    decoder.decode(block.subarray(start, start + length)).replace(/\0[\s\S]*$/, '')
  const entries = new Map<string, Uint8Array>()
  let offset = 0
  let paxPath: string | undefined
  // Bounded by the archive length: each step advances by at least one 512-byte block.
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8)
    const type = field(header, 156, 1)
    const prefix = field(header, 345, 155)
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100)
    const body = archive.subarray(offset + 512, offset + 512 + size)
    offset += 512 + Math.ceil(size / 512) * 512
    if (type === 'x') {
      paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(body))?.[1]
      continue
    }
    if (type === '0' || type === '' || type === '\0') {
      entries.set((paxPath ?? name).replace(/^[^/]+\//, ''), body)
    }
    paxPath = undefined
  }
  return entries
}
