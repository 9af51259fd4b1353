// Compiles the Solidity sources under src/ with the solc-js pinned in
// package.json, and writes:
//
//   build/input.json       the exact standard-JSON input, every source inlined
//                          (OpenZeppelin's too), so it compiles with no file access
//   build/<Name>.abi/.bin  ABI and creation bytecode of each contract under src/
//
// `node build.mjs --check` writes nothing: it fails if input.json is stale or if
// compiling it does not give the committed ABI and bytecode.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = path.join(here, "build");
const check = process.argv.includes("--check");

// Compiler settings are pinned here (not left to solc's defaults) so that a
// solc upgrade cannot silently change the bytecode.
const settings = {
  evmVersion: "osaka",
  optimizer: { enabled: true, runs: 200 },
  viaIR: false,
  metadata: { bytecodeHash: "ipfs" },
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
};

function solFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...solFiles(p));
    else if (entry.name.endsWith(".sol")) out.push(p);
  }
  return out;
}

// Resolves an import path the way the sources write it: "@openzeppelin/..."
// from node_modules, anything else relative to this directory.
function readSource(name) {
  const p = name.startsWith("@") ? path.join(here, "node_modules", name) : path.join(here, name);
  return fs.readFileSync(p, "utf8");
}

function compile(input, withImports) {
  const options = withImports
    ? {
        import: (name) => {
          try {
            return { contents: readSource(name) };
          } catch (err) {
            return { error: `cannot read ${name}: ${err.message}` };
          }
        },
      }
    : undefined;
  const output = JSON.parse(solc.compile(JSON.stringify(input), options));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  for (const e of output.errors || []) console.error(e.formattedMessage);
  if (errors.length > 0) {
    throw new Error(`solc ${solc.version()}: ${errors.length} error(s)`);
  }
  return output;
}

// Builds the self-contained standard-JSON input: our sources, then every
// file they import (found by a first compile with an import callback).
function makeInput() {
  const ours = solFiles(path.join(here, "src"))
    .map((p) => path.relative(here, p).split(path.sep).join("/"))
    .sort();
  const first = compile(
    { language: "Solidity", sources: Object.fromEntries(ours.map((n) => [n, { content: readSource(n) }])), settings },
    true,
  );
  const names = Object.keys(first.sources).sort();
  return {
    language: "Solidity",
    sources: Object.fromEntries(names.map((n) => [n, { content: readSource(n) }])),
    settings,
  };
}

function artifacts(output) {
  const out = {};
  for (const [file, contracts] of Object.entries(output.contracts)) {
    if (!file.startsWith("src/")) continue;
    for (const [name, c] of Object.entries(contracts)) {
      out[`${name}.abi`] = JSON.stringify(c.abi) + "\n";
      out[`${name}.bin`] = c.evm.bytecode.object + "\n";
    }
  }
  return out;
}

const input = makeInput();
const inputText = JSON.stringify(input, null, 1) + "\n";

if (check) {
  let failed = false;
  const committedInput = fs.readFileSync(path.join(buildDir, "input.json"), "utf8");
  if (committedInput !== inputText) {
    console.error("build/input.json is stale: run `make contracts`");
    failed = true;
  }
  const built = artifacts(compile(JSON.parse(committedInput), false));
  for (const [name, text] of Object.entries(built)) {
    const p = path.join(buildDir, name);
    if (!fs.existsSync(p) || fs.readFileSync(p, "utf8") !== text) {
      console.error(`build/${name} does not match build/input.json compiled with solc ${solc.version()}`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
  console.log(`ok: build/ matches solc ${solc.version()}`);
} else {
  fs.mkdirSync(buildDir, { recursive: true });
  fs.writeFileSync(path.join(buildDir, "input.json"), inputText);
  // Compile the written input on its own, so the artifacts provably come from it.
  const built = artifacts(compile(input, false));
  for (const [name, text] of Object.entries(built)) {
    fs.writeFileSync(path.join(buildDir, name), text);
  }
  console.log(`solc ${solc.version()}: wrote build/input.json and ${Object.keys(built).sort().join(", ")}`);
}
