import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML, type XMLFileInfo } from "xmllint-wasm";
import { serverRoot } from "../../app/serverPaths";

// From the server package's root, so the compiled server (dist/) finds them too.
const schemasDir = join(serverRoot, "src/features/electronicDocument/schemas");

let preloaded: XMLFileInfo[] | null = null;

/**
 * The UBL 2.1 and DIAN schemas this folder carries (schemas/), read once. Flattened into one
 * directory for xmllint's in-memory file system: the imports' "../common/" prefixes are removed.
 */
function schemaFiles(): XMLFileInfo[] {
  if (!preloaded) {
    preloaded = ["common", "maindoc"].flatMap((folder) =>
      readdirSync(join(schemasDir, folder))
        .filter((name) => name.endsWith(".xsd"))
        .map((name) => ({
          fileName: name,
          contents: readFileSync(join(schemasDir, folder, name), "utf8").replace(
            /schemaLocation="\.\.\/common\//g,
            'schemaLocation="',
          ),
        })),
    );
  }
  return preloaded;
}

export interface SchemaValidation {
  valid: boolean;
  errors: string[];
}

/**
 * Validates a document against a root schema of schemas/ ("UBL-Invoice-2.1.xsd") with libxml2
 * compiled to WebAssembly (xmllint-wasm: no native build). Slow-ish (the UBL schemas are 3 MB):
 * tests and the outbox check each generated document once.
 */
export async function validateAgainstSchema(
  xml: string,
  rootSchema = "UBL-Invoice-2.1.xsd",
): Promise<SchemaValidation> {
  const files = schemaFiles();
  const root = files.find((f) => f.fileName === rootSchema);
  if (!root) throw new Error(`no schema ${rootSchema} in ${schemasDir}`);
  const result = await validateXML({
    xml: { fileName: "document.xml", contents: xml },
    schema: root,
    preload: files.filter((f) => f !== root),
    initialMemoryPages: 1024,
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
