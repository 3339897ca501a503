import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";

/**
 * parseArgs for the benchmark scripts: `--help` (or `-h`) prints the script's header comment, which states
 * its usage, and exits 0; an unknown or malformed option prints the error and that header and exits 2,
 * instead of a stack trace.
 */
export function parseBenchArgs<T extends ParseArgsConfig>(
  scriptUrl: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(headerOf(scriptUrl));
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${headerOf(scriptUrl)}`);
    process.exit(2);
  }
}

/** The first block comment of the script, without its comment marks. */
export function headerOf(scriptUrl: string): string {
  const text = readFileSync(fileURLToPath(scriptUrl), "utf8");
  const comment = /\/\*\*?([\s\S]*?)\*\//.exec(text)?.[1] ?? "";
  return comment
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}
