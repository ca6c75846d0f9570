// The ESM consumer: `import` resolves each package's `exports["."].import` (dist/*.js).
import * as jwt from '@alokai/auth-jwt'
import * as oidc from '@alokai/auth-oidc'
import * as oidcExpress from '@alokai/auth-oidc/express'
import * as oidcHono from '@alokai/auth-oidc/hono'
import * as crypto from '@alokai/crypto'
import * as env from '@alokai/env'
import * as hono from 'hono'
import * as jose from 'jose'
import * as zod from 'zod'
import smoke from './checks.cjs'

const names = [
  '@alokai/env',
  '@alokai/crypto',
  '@alokai/auth-jwt',
  '@alokai/auth-oidc',
  '@alokai/auth-oidc/hono',
  '@alokai/auth-oidc/express',
]
const loadedFrom = Object.fromEntries(names.map((name) => [name, import.meta.resolve(name)]))
const checks = await smoke.runSmoke({ env, zod, crypto, jwt, oidc, oidcHono, oidcExpress, hono, jose })
smoke.report('esm', checks, loadedFrom)
