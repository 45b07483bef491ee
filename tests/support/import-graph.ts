import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * The import graph of a source tree and the structure limits the code review set, read the way the
 * TypeScript compiler reads imports (`ts.preProcessFile`), not with regexes.
 *
 * Every relative import of a .ts/.tsx file is an edge, including `import type`, `export … from`,
 * side-effect imports and `import("./x")`. Type-only imports count: they are erased at run time, but a
 * file that needs another file's types cannot be read, moved or split without it, so two files that
 * name each other are one unit whatever the keyword says; and a type-only edge becomes a runtime edge
 * as soon as someone imports a value along it. Package imports (`hono`, `preact`) and WXT's `#imports`
 * are not part of our tree and are left out, as are imports of other files (CSS, JSON, assets).
 */

/** Paths are relative to the root and use forward slashes: `server/services/library.ts`. */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.tsx?$/;
const DECLARATION = /\.d\.ts$/;
const toPosix = (path: string) => path.split(sep).join("/");

/** The files under `dirs` (relative to `root`), skipping dot-folders such as `.output` and `node_modules`. */
export function filesUnder(root: string, dirs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return found;
}

/** `./x` may be `./x` itself (with its extension), `./x.ts`, `./x.tsx`, `./x/index.ts` or `./x/index.tsx`. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const base = resolve(root, dirname(from), specifier);
  const candidates = SOURCE.test(base) ? [base] : [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toPosix(relative(root, candidate));
  }
  return null;
}

/** Each .ts/.tsx file under `dirs` with the files of the tree it imports, in source order, without repeats. */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of filesUnder(root, dirs)) {
    if (!SOURCE.test(file) || DECLARATION.test(file)) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const targets = importedFiles.map((ref) => resolveImport(root, file, ref.fileName)).filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components (Tarjan): the groups of files that all reach each other. */
function components(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * Every elementary cycle, each starting at its alphabetically first file and listed once, sorted.
 * Stops after `limit` cycles (a tangle that large is reported well enough by its first ones).
 */
export function findCycles(graph: ImportGraph, limit = 200): string[][] {
  const cycles: string[][] = [];
  for (const component of components(graph)) {
    const members = new Set(component);
    const selfImport = component.length === 1 && (graph.get(component[0]!) ?? []).includes(component[0]!);
    if (component.length === 1 && !selfImport) continue;
    // From each start, only through files that sort after it: each cycle is found once, from its first file.
    for (const start of component) {
      const path = [start];
      const onPath = new Set(path);
      const walk = (node: string) => {
        for (const target of graph.get(node) ?? []) {
          if (cycles.length >= limit) return;
          if (target === start) cycles.push([...path]);
          else if (members.has(target) && target > start && !onPath.has(target)) {
            path.push(target);
            onPath.add(target);
            walk(target);
            onPath.delete(target);
            path.pop();
          }
        }
      };
      walk(start);
    }
  }
  return cycles.sort((a, b) => a.join(" ").localeCompare(b.join(" ")));
}

/** `a.ts → b.ts → a.ts` */
export const describeCycle = (cycle: readonly string[]) => [...cycle, cycle[0]].join(" → ");

/** Files under `dirs` longer than `maxLines`, as `path: N lines`. */
export function filesLongerThan(root: string, dirs: readonly string[], maxLines: number): string[] {
  return filesUnder(root, dirs)
    .filter((file) => SOURCE.test(file))
    .map((file) => {
      const text = readFileSync(join(root, file), "utf8");
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      return { file, lines };
    })
    .filter(({ lines }) => lines > maxLines)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
}

/** Folders under `dirs` (the dirs themselves included) that directly hold more than `maxFiles` files, as `path: N files`. */
export function foldersFullerThan(root: string, dirs: readonly string[], maxFiles: number, except: readonly string[] = []): string[] {
  const perFolder = new Map<string, number>();
  for (const dir of dirs) perFolder.set(dir, 0);
  for (const file of filesUnder(root, dirs)) {
    const slash = file.lastIndexOf("/");
    const folder = slash < 0 ? "" : file.slice(0, slash);
    perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
  }
  const excepted = (folder: string) => except.some((path) => folder === path || folder.startsWith(`${path}/`));
  return [...perFolder]
    .filter(([folder, count]) => count > maxFiles && !excepted(folder))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, count]) => `${folder}: ${count} files`);
}
