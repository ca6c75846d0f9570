/**
 * The import graph of `apps/cms/src`, read with TypeScript's own parser (so every `import`, `export … from`
 * and `import()` counts, and nothing in a comment or a string does), with type-only imports kept apart:
 * they are erased when compiled, so they create no run-time dependency. Relative specifiers are resolved
 * to files; package specifiers are kept as written.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** One source file: its path relative to `src/`, the files it imports and the packages it imports. */
export interface SourceNode {
  file: string
  /** Files it needs at run time. */
  imports: string[]
  /** Files it takes only types from (`import type`, or every name marked `type`): erased when compiled. */
  typeImports: string[]
  packages: string[]
}

/** The module specifiers of a file, each with whether only types come through it. */
function specifiers(path: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false)
  const found: { specifier: string; typeOnly: boolean }[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const named = clause?.namedBindings
      const allNamedTypes =
        named !== undefined && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly)
      const typeOnly =
        clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && allNamedTypes))
      found.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false })
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier)
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (p) => existsSync(p) && statSync(p).isFile(),
  )
}

/**
 * Reads every `.ts`/`.tsx` file under `srcDir`.
 * @example const graph = readImportGraph(resolve('apps/cms/src'))
 */
export function readImportGraph(srcDir: string): SourceNode[] {
  return sourceFiles(srcDir).map((path) => {
    const imports: string[] = []
    const typeImports: string[] = []
    const packages: string[] = []
    for (const { specifier, typeOnly } of specifiers(path)) {
      if (!specifier.startsWith('.')) {
        packages.push(specifier)
        continue
      }
      const target = resolveRelative(path, specifier)
      if (target === undefined) throw new Error(`${relative(srcDir, path)}: cannot resolve ${specifier}`)
      ;(typeOnly ? typeImports : imports).push(relative(srcDir, target).split('\\').join('/'))
    }
    return { file: relative(srcDir, path).split('\\').join('/'), imports, typeImports, packages }
  })
}

/**
 * Every import cycle, type-only imports included, each as the files along it (Tarjan's strongly
 * connected components of size > 1, plus files that import themselves).
 * @example expect(findCycles(graph)).toEqual([])
 */
export function findCycles(graph: readonly SourceNode[]): string[][] {
  const edges = new Map(graph.map((n) => [n.file, [...n.imports, ...n.typeImports]]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  const visit = (file: string): void => {
    index.set(file, next)
    low.set(file, next++)
    stack.push(file)
    onStack.add(file)
    for (const to of edges.get(file) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0))
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()
      if (member === undefined) break
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1 || edges.get(file)?.includes(file)) cycles.push(component.sort())
  }
  for (const { file } of graph) if (!index.has(file)) visit(file)
  return cycles
}
