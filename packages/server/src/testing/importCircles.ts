import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

// Tests of both apps check that their feature folders import each other without a circle
// (app code only: tests and `testing/` fixtures may reach across).

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "testing" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Folder → the folders it imports from (relative imports between the top-level folders under `root`). */
export function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(root)) {
    const from = relative(root, file).split(sep);
    if (from.length < 2) continue; // files at the root assemble the app: they may import anything
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:import|export)\b[^"';]*?from\s*["'](\.[^"']+)["']/g)) {
      const to = relative(root, resolve(dirname(file), match[1] as string)).split(sep);
      if (to.length < 2 || to[0] === from[0] || to[0] === "..") continue;
      const edges = graph.get(from[0] as string) ?? new Set<string>();
      edges.add(to[0] as string);
      graph.set(from[0] as string, edges);
    }
  }
  return graph;
}

/** One circle of folders importing each other, or null. */
export function findCircle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    path.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle) return circle;
  }
  return null;
}
